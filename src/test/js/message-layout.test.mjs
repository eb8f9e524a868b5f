import { test } from 'node:test';
import assert from 'node:assert/strict';
import { continues, startsDay, dayLabel, clockTime, GROUP_GAP_MS } from '../../main/webapp/message-layout.js';

const at = (date) => date.toISOString();
const local = (y, m, d, h, min = 0) => new Date(y, m - 1, d, h, min);
const msg = (author, when) => ({ author, timestamp: at(when) });

test('a message of the same author within 5 minutes continues the one before', () => {
  const first = msg('a1', local(2026, 11, 24, 10, 0));
  assert.equal(continues(first, msg('a1', local(2026, 11, 24, 10, 5))), true);
  assert.equal(continues(first, msg('a1', new Date(local(2026, 11, 24, 10, 0).getTime() + GROUP_GAP_MS + 1))), false);
  assert.equal(continues(first, msg('a2', local(2026, 11, 24, 10, 1))), false, 'another author');
  assert.equal(continues(null, first), false, 'the first message');
  assert.equal(continues({ timestamp: first.timestamp }, { timestamp: first.timestamp }), false, 'no author');
});

test('a run is cut at midnight, and a bad timestamp starts afresh', () => {
  const late = msg('a1', local(2026, 11, 24, 23, 58));
  assert.equal(continues(late, msg('a1', local(2026, 11, 25, 0, 1))), false);
  assert.equal(continues(late, { author: 'a1', timestamp: 'nonsense' }), false);
});

test('a day separator goes before the first message and the first of each day', () => {
  const monday = msg('a', local(2026, 11, 23, 9));
  const later = msg('b', local(2026, 11, 23, 18));
  const tuesday = msg('a', local(2026, 11, 24, 8));
  assert.equal(startsDay(null, monday), true);
  assert.equal(startsDay(monday, later), false);
  assert.equal(startsDay(later, tuesday), true);
});

test('days read Today, Yesterday, then the date, with the year only for another year', () => {
  const today = local(2026, 11, 24, 12);
  assert.equal(dayLabel(local(2026, 11, 24, 0, 1), today, 'en-GB'), 'Today');
  assert.equal(dayLabel(local(2026, 11, 23, 23, 59), today, 'en-GB'), 'Yesterday');
  assert.equal(dayLabel(local(2026, 11, 1, 10), local(2026, 11, 2, 9), 'en-GB'), 'Yesterday');
  assert.equal(dayLabel(local(2026, 10, 31, 10), local(2026, 11, 1, 9), 'en-GB'), 'Yesterday', 'across a month');
  assert.equal(dayLabel(local(2026, 11, 20, 10), today, 'en-GB'), 'Friday 20 November');
  assert.equal(dayLabel(local(2025, 12, 31, 10), today, 'en-US'), 'Wednesday, December 31, 2025');
});

test('times follow the locale: 24-hour in en-GB and de, 12-hour in en-US', () => {
  const evening = local(2026, 11, 24, 21, 5);
  assert.equal(clockTime(evening, 'en-GB'), '21:05');
  assert.equal(clockTime(evening, 'de-DE'), '21:05');
  assert.match(clockTime(evening, 'en-US'), /^9:05\sPM$/);
});
