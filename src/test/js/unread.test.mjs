import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  unreadCounts, badgeFor, totalUnread, firstUnreadId, firstUnreadAfter, notifiesMessage, newMentions, mentionsViewer,
} from '../../main/webapp/unread.js';

const frame = [
  { channel: 'general', unread: 3, mentions: 1, last: 40 },
  { channel: '@7', unread: 2, mentions: 2, last: 41 },
  { channel: 'bad', unread: 0, mentions: 0, last: 1 },
  { channel: 5, unread: 1 },
  null,
];

test('an unread frame keeps the channels with unread messages', () => {
  const counts = unreadCounts(frame);
  assert.deepEqual([...counts.keys()], ['general', '@7']);
  assert.deepEqual(counts.get('general'), { unread: 3, mentions: 1, last: 40 });
  assert.equal(unreadCounts(undefined).size, 0);
});

test('a badge shows the count, marks mentions, and is absent for a channel without unread ones', () => {
  const counts = unreadCounts(frame);
  const out = { inView: false, visible: true };
  assert.deepEqual(badgeFor(counts, 'General', out), { count: 3, mention: true });
  assert.deepEqual(badgeFor(counts, '@7', out), { count: 2, mention: true });
  assert.equal(badgeFor(counts, 'random', out), null);
  assert.deepEqual(badgeFor(unreadCounts([{ channel: 'x', unread: 4, mentions: 0 }]), 'x', out), { count: 4, mention: false });
});

test('the channel in view has no badge while the tab is visible, but has one while it is hidden', () => {
  const counts = unreadCounts(frame);
  assert.equal(badgeFor(counts, 'general', { inView: true, visible: true }), null);
  assert.deepEqual(badgeFor(counts, 'general', { inView: true, visible: false }), { count: 3, mention: true });
});

test('the total adds every channel', () => {
  assert.equal(totalUnread(unreadCounts(frame)), 5);
  assert.equal(totalUnread(new Map()), 0);
});

const viewer = { user: 'Ann', author: 'a1' };
const m = (id, author, extra = {}) => ({ id, author, user: author, ...extra });

test('the divider goes at the n-th message from the end among the others’ messages that are not deleted', () => {
  const messages = [m(1, 'b'), m(2, 'b'), m(3, 'a1'), m(4, 'b', { deleted: true }), m(5, 'b'), m(6, 'a1'), m(7, 'b')];
  assert.equal(firstUnreadId(messages, 1, viewer), 7);
  assert.equal(firstUnreadId(messages, 2, viewer), 5);
  assert.equal(firstUnreadId(messages, 3, viewer), 2);
  assert.equal(firstUnreadId(messages, 99, viewer), 1, 'more than loaded: the oldest loaded');
  assert.equal(firstUnreadId(messages, 0, viewer), null);
  assert.equal(firstUnreadId([m(1, 'a1')], 1, viewer), null);
});

test('from the read position, the divider goes at the first later message of someone else that is not deleted', () => {
  const messages = [m(1, 'b'), m(2, 'b'), m(3, 'a1'), m(4, 'b', { deleted: true }), m(5, 'b'), m(6, 'a1'), m(7, 'b')];
  assert.equal(firstUnreadAfter(messages, 0, viewer), 1);
  assert.equal(firstUnreadAfter(messages, 2, viewer), 5, 'past one\'s own and a deleted one');
  assert.equal(firstUnreadAfter(messages, 6, viewer), 7);
  assert.equal(firstUnreadAfter(messages, 7, viewer), null, 'all read');
});

test('a notification is for a mention or a direct message from someone else while the tab is hidden', () => {
  const mention = m(1, 'b', { mentions: ['ann'] });
  assert.equal(mentionsViewer(mention, viewer), true);
  assert.equal(notifiesMessage(mention, viewer, { hidden: true, direct: false }), true);
  assert.equal(notifiesMessage(mention, viewer, { hidden: false, direct: false }), false);
  assert.equal(notifiesMessage(m(2, 'b', { mentions: [] }), viewer, { hidden: true, direct: false }), false);
  assert.equal(notifiesMessage(m(3, 'b'), viewer, { hidden: true, direct: true }), true);
  assert.equal(notifiesMessage(m(4, 'a1', { mentions: ['Ann'] }), viewer, { hidden: true, direct: true }), false, 'own');
  assert.equal(notifiesMessage(mention, null, { hidden: true, direct: true }), false);
});

test('new mentions are the growth of the mention counts outside the open channel', () => {
  const before = unreadCounts([{ channel: 'general', unread: 2, mentions: 1 }]);
  const after = unreadCounts([
    { channel: 'general', unread: 3, mentions: 2 },
    { channel: '@7', unread: 1, mentions: 1 },
    { channel: 'open', unread: 1, mentions: 1 },
    { channel: 'quiet', unread: 5, mentions: 0 },
  ]);
  assert.deepEqual(newMentions(before, after, 'open'), [{ channel: 'general', mentions: 1 }, { channel: '@7', mentions: 1 }]);
  assert.deepEqual(newMentions(after, before, null), []);
});
