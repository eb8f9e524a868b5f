import { test } from 'node:test';
import assert from 'node:assert/strict';
import { HistoryWindow } from '../../main/webapp/history-window.js';

const messages = (first, count) => Array.from({ length: count }, (_, i) => ({ id: first + i }));
const ids = (list) => list.map((m) => m.id);

test('a window opens around a message with the page before it (itself included) and the page after it', () => {
  const w = new HistoryWindow();
  assert.deepEqual(w.open(40), { before: 41, after: 40 });
  assert.equal(w.live, false);
  assert.equal(w.wantsNewer, true);
});

test('the message is brought into view only once both of its pages came', () => {
  const w = new HistoryWindow();
  w.open(40);
  w.newerSent(40);
  assert.equal(w.ready(), null);
  w.olderCame();
  assert.equal(w.ready(), null);
  assert.ok(w.newerArrived({ after: 40, limit: 5, messages: messages(41, 5) }));
  assert.equal(w.ready(), 40);
  assert.equal(w.ready(), null, 'once');
});

test('live messages are held while the window does not reach the newest, and come after its end', () => {
  const w = new HistoryWindow();
  w.open(40);
  w.newerSent(40);
  assert.equal(w.heard({ id: 90 }), false);
  assert.equal(w.heard({ id: 91 }), false);
  assert.equal(w.holding, true);
  const full = w.newerArrived({ after: 40, limit: 5, messages: messages(41, 5) });
  assert.deepEqual(ids(full.messages), [41, 42, 43, 44, 45]);
  assert.equal(full.live, false);
  assert.equal(w.wantsNewer, true);
  w.newerSent(45);
  const last = w.newerArrived({ after: 45, limit: 5, messages: [{ id: 88 }, { id: 90 }] });
  assert.equal(last.live, true);
  assert.deepEqual(ids(last.messages), [88, 90, 91], 'the page, then the held ones past it, each once');
  assert.equal(w.heard({ id: 92 }), true, 'live again: shown at once');
  assert.equal(w.holding, false);
});

test('a held message is kept as its latest update', () => {
  const w = new HistoryWindow();
  w.open(1);
  w.newerSent(1);
  w.heard({ id: 9, text: 'old' });
  w.updated({ id: 9, text: 'new' });
  w.updated({ id: 10, text: 'not held' });
  const got = w.newerArrived({ after: 1, limit: 100, messages: [] });
  assert.deepEqual(got.messages, [{ id: 9, text: 'new' }]);
});

test('only the reply to the newer asked is taken', () => {
  const w = new HistoryWindow();
  w.open(40);
  w.newerSent(40);
  assert.equal(w.newerArrived({ after: 12, limit: 5, messages: [] }), null);
  assert.equal(w.wantsNewer, false, 'still waiting for its own');
  assert.ok(w.newerArrived({ after: 40, limit: 5, messages: [] }));
});

test('after more live messages than it holds, only a newer asked since can end the window', () => {
  const w = new HistoryWindow(3);
  w.open(10);
  w.newerSent(10);
  for (const id of [50, 51, 52, 53]) {
    w.heard({ id });
  }
  const stale = w.newerArrived({ after: 10, limit: 100, messages: messages(11, 2) });
  assert.equal(stale.live, false, 'what came before the overflow is no longer complete');
  assert.equal(w.wantsNewer, true);
  w.newerSent(12);
  w.heard({ id: 54 });
  const fresh = w.newerArrived({ after: 12, limit: 100, messages: messages(50, 4) });
  assert.equal(fresh.live, true);
  assert.deepEqual(ids(fresh.messages), [50, 51, 52, 53, 54]);
});

test('a refused page stops waiting for the message, and a join\'s history makes it live again', () => {
  const w = new HistoryWindow();
  w.open(5);
  w.newerSent(5);
  w.refused('newer');
  assert.equal(w.ready(), null);
  assert.equal(w.wantsNewer, true, 'asked again as the reader scrolls');
  w.heard({ id: 8 });
  w.reset();
  assert.equal(w.live, true);
  assert.equal(w.holding, false);
  assert.equal(w.wantsNewer, false);
});
