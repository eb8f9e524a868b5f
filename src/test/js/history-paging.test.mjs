import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pageSize, reachedBeginning, leavesGap, DEFAULT_PAGE_SIZE } from '../../main/webapp/history-paging.js';

const messages = (first, count) => Array.from({ length: count }, (_, i) => ({ id: first + i }));

test('the page size is the frame\'s limit', () => {
  assert.equal(pageSize({ type: 'history', limit: 25, messages: [] }), 25);
});

test('a frame without a limit has the old page size of 100', () => {
  assert.equal(DEFAULT_PAGE_SIZE, 100);
  assert.equal(pageSize({ type: 'history', messages: [] }), 100);
});

test('a limit that is not a positive integer is ignored', () => {
  for (const limit of [0, -5, 2.5, '50', null]) {
    assert.equal(pageSize({ limit, messages: [] }), 100, String(limit));
  }
});

test('fewer messages than the limit mean the beginning is reached', () => {
  assert.equal(reachedBeginning({ limit: 25, messages: messages(1, 24) }), true);
  assert.equal(reachedBeginning({ limit: 25, messages: [] }), true);
});

test('a full page means older messages may exist', () => {
  assert.equal(reachedBeginning({ limit: 25, messages: messages(1, 25) }), false);
});

test('without a limit, 100 messages are a full page and 99 are not', () => {
  assert.equal(reachedBeginning({ messages: messages(1, 100) }), false);
  assert.equal(reachedBeginning({ messages: messages(1, 99) }), true);
});

test('a frame without messages has reached the beginning', () => {
  assert.equal(reachedBeginning({ limit: 10 }), true);
});

test('a full page that starts after the newest shown message leaves a gap', () => {
  assert.equal(leavesGap({ limit: 10, messages: messages(50, 10) }, 40), true);
});

test('a full page that overlaps what is shown leaves no gap', () => {
  assert.equal(leavesGap({ limit: 10, messages: messages(35, 10) }, 40), false);
});

test('a short page never leaves a gap: it holds everything said meanwhile', () => {
  assert.equal(leavesGap({ limit: 10, messages: messages(50, 9) }, 40), false);
});

test('nothing shown yet leaves no gap', () => {
  assert.equal(leavesGap({ limit: 10, messages: messages(50, 10) }, null), false);
});
