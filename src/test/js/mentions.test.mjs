import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mentionParts, mentionQuery, mentionChoices, insertMention } from '../../main/webapp/mentions.js';

test('a text without mentions is one plain part', () => {
  assert.deepEqual(mentionParts('hello @nobody', [], 'Ann'), [{ text: 'hello @nobody' }]);
});

test('each mentioned name is a part of its own, in any case, the rest stays plain', () => {
  assert.deepEqual(mentionParts('hi @bob and @ANN!', ['Bob', 'Ann'], 'Ann'), [
    { text: 'hi ' },
    { text: '@bob', mention: 'Bob', me: false },
    { text: ' and ' },
    { text: '@ANN', mention: 'Ann', me: true },
    { text: '!' },
  ]);
});

test('the longest mentioned name wins, and a name must end where a name character does not follow', () => {
  assert.deepEqual(mentionParts('@Ada Lovelace, @Adam', ['Ada', 'Ada Lovelace'], null), [
    { text: '@Ada Lovelace', mention: 'Ada Lovelace', me: false },
    { text: ', @Adam' },
  ]);
  assert.deepEqual(mentionParts('@ada.', ['ada'], null), [{ text: '@ada', mention: 'ada', me: false }, { text: '.' }]);
});

test('the parts always give back the text, markup included', () => {
  const text = '<b>@Zoë</b> @zoë-x @ZOË';
  const parts = mentionParts(text, ['Zoë'], 'zoë');
  assert.equal(parts.map((p) => p.text).join(''), text);
  assert.deepEqual(parts.filter((p) => p.mention).map((p) => p.text), ['@Zoë', '@ZOË']);
  assert.ok(parts.filter((p) => p.mention).every((p) => p.me));
});

test('the @ word at the caret is a query; an e-mail address or a line break is not', () => {
  assert.deepEqual(mentionQuery('hi @Ad', 6), { start: 3, query: 'Ad' });
  assert.deepEqual(mentionQuery('@', 1), { start: 0, query: '' });
  assert.deepEqual(mentionQuery('(@Ada Lo', 8), { start: 1, query: 'Ada Lo' });
  assert.equal(mentionQuery('mail ann@example', 16), null);
  assert.equal(mentionQuery('@Ada\nsecond', 11), null);
  assert.equal(mentionQuery('@ Ada', 5), null);
  assert.equal(mentionQuery('no at here', 10), null);
});

test('choices begin with the query, ignore case, and leave the viewer out', () => {
  const names = ['Ada', 'adam', 'Bob', 'Ann'];
  assert.deepEqual(mentionChoices(names, 'ad', 'Ann'), ['Ada', 'adam']);
  assert.deepEqual(mentionChoices(names, '', 'ann'), ['Ada', 'adam', 'Bob']);
  assert.deepEqual(mentionChoices(names, '', null, 2), ['Ada', 'adam']);
});

test('inserting a choice replaces the query and puts the caret after one space', () => {
  assert.deepEqual(insertMention('hi @ad there', 3, 6, 'Ada'), { value: 'hi @Ada there', caret: 8 });
  assert.deepEqual(insertMention('@b', 0, 2, 'Bob'), { value: '@Bob ', caret: 5 });
});
