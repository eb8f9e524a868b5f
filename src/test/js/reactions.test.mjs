import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PICKER, listNames, reactionView, toggleFrame } from '../../main/webapp/reactions.js';

test('the picker offers the six emoji of the contract, each with words', () => {
  assert.deepEqual(PICKER.map((p) => p.emoji), ['👍', '❤️', '😂', '🎉', '👀', '✅']);
  assert.ok(PICKER.every((p) => p.label.length > 0));
});

test('names are listed as a sentence', () => {
  assert.equal(listNames([]), '');
  assert.equal(listNames(['Ann']), 'Ann');
  assert.equal(listNames(['Ann', 'Bob']), 'Ann and Bob');
  assert.equal(listNames(['Ann', 'Bob', 'Cy']), 'Ann, Bob and Cy');
});

test('each emoji shows its count, whether the viewer is among them, and who reacted', () => {
  const view = reactionView([
    { emoji: '👍', users: ['Bob', 'ann'] },
    { emoji: '🎉', users: ['Bob'] },
  ], 'Ann');
  assert.deepEqual(view.map((r) => [r.emoji, r.count, r.mine]), [['👍', 2, true], ['🎉', 1, false]]);
  assert.equal(view[0].title, 'Bob and you reacted with 👍');
  assert.match(view[0].label, /^👍 2: Bob and you\. Press to take yours back$/);
  assert.match(view[1].label, /Press to add yours$/);
});

test('an emoji nobody holds any more is not shown', () => {
  assert.deepEqual(reactionView([{ emoji: '👀', users: [] }], 'Ann'), []);
  assert.deepEqual(reactionView(undefined, 'Ann'), []);
});

test('toggling turns the viewer\'s reaction on when off and off when on', () => {
  const message = { id: 7, channel: 'general', reactions: [{ emoji: '👍', users: ['Ann'] }] };
  assert.deepEqual(toggleFrame(message, '👍', 'ann'), { type: 'react', channel: 'general', id: 7, emoji: '👍', on: false });
  assert.deepEqual(toggleFrame(message, '👍', 'Bob'), { type: 'react', channel: 'general', id: 7, emoji: '👍', on: true });
  assert.equal(toggleFrame(message, '🎉', 'Ann').on, true);
});
