import { test } from 'node:test';
import assert from 'node:assert/strict';
import { codePointLength, textProblem, MAX_TEXT } from '../../main/webapp/message-text.js';

test('plain text counts one per character', () => {
  assert.equal(codePointLength('hello'), 5);
  assert.equal(codePointLength(''), 0);
});

test('an emoji outside the Basic Multilingual Plane counts once, not twice', () => {
  assert.equal('😀'.length, 2);
  assert.equal(codePointLength('😀'), 1);
  assert.equal(codePointLength('a😀b'), 3);
});

test('combining marks and flags count each code point, as the server does', () => {
  assert.equal(codePointLength('e\u0301'), 2); // é written as e + combining acute
  assert.equal(codePointLength('🇫🇷'), 2); // two regional indicators
});

test('an unpaired surrogate counts as one code point, as Java counts it', () => {
  assert.equal(codePointLength('\ud800x'), 2);
});

test('the limit is 4000 code points', () => {
  assert.equal(MAX_TEXT, 4000);
});

test('4000 emoji are within the limit although they are 8000 UTF-16 units', () => {
  assert.equal(textProblem('😀'.repeat(4000), false), null);
});

test('one code point over the limit is refused with both numbers', () => {
  assert.equal(textProblem('😀'.repeat(4001), false), 'A message has at most 4000 characters; this one has 4001.');
  assert.equal(textProblem('x'.repeat(4001), false), 'A message has at most 4000 characters; this one has 4001.');
});

test('empty or blank text without an image is refused', () => {
  assert.equal(textProblem('', false), 'Write something or choose an image first.');
  assert.equal(textProblem(' \n\t', false), 'Write something or choose an image first.');
});

test('empty text with an image can be sent', () => {
  assert.equal(textProblem('', true), null);
});
