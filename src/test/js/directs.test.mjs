import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  isDirect, directEntries, directWith, directOf, placeNames, typedName, DirectOpener,
} from '../../main/webapp/directs.js';

const D1 = '@0123456789abcdef01234567';
const D2 = '@fedcba9876543210fedcba98';

test('a direct conversation is a channel whose name begins with @', () => {
  assert.equal(isDirect(D1), true);
  assert.equal(isDirect('general'), false);
  assert.equal(isDirect(null), false);
  assert.equal(isDirect(undefined), false);
});

test('the entries of a directs frame keep the server order and drop what is not an entry', () => {
  const entries = directEntries([
    { channel: D2, with: 'Dana' },
    { channel: 'general', with: 'Eve' },
    { channel: D1 },
    null,
    { channel: D1, with: 'Bo', extra: 1 },
  ]);
  assert.deepEqual(entries, [{ channel: D2, with: 'Dana' }, { channel: D1, with: 'Bo' }]);
  assert.deepEqual(directEntries(undefined), []);
  assert.deepEqual(directEntries('nope'), []);
});

test('a conversation is found by the person (as the server compares names) or by its channel', () => {
  const entries = [{ channel: D2, with: 'Dana' }, { channel: D1, with: 'Bo' }];
  assert.equal(directWith(entries, 'dana')?.channel, D2);
  assert.equal(directWith(entries, 'Cy'), undefined);
  assert.equal(directOf(entries, D1)?.with, 'Bo');
  assert.equal(directOf(entries, '@000000000000000000000000'), undefined);
});

test('the newest of two conversations with one name is the one found', () => {
  // A name taken again by someone else: two conversations, the newest first.
  const entries = [{ channel: D2, with: 'Dana' }, { channel: D1, with: 'Dana' }];
  assert.equal(directWith(entries, 'Dana').channel, D2);
});

test('a public channel is named with #, a direct conversation by the other person', () => {
  const entries = [{ channel: D1, with: 'Dana' }];
  assert.deepEqual(placeNames('general', entries), { title: '#general', phrase: '#general', person: null });
  assert.deepEqual(placeNames(D1, entries),
    { title: 'Dana', phrase: 'your conversation with Dana', person: 'Dana' });
  assert.deepEqual(placeNames(D2, entries),
    { title: 'Direct message', phrase: 'a direct conversation', person: null });
});

test('a typed name loses the spaces around it and keeps one between words', () => {
  assert.equal(typedName('  Ada   Lovelace '), 'Ada Lovelace');
  assert.equal(typedName('   '), '');
  assert.equal(typedName(undefined), '');
});

test('the opener joins the conversation with the person asked for, once', () => {
  const opener = new DirectOpener();
  assert.equal(opener.listed([{ channel: D1, with: 'Dana' }]), null, 'nothing was asked');
  assert.deepEqual(opener.open('dana'), { type: 'direct', user: 'dana' });
  assert.equal(opener.listed([{ channel: D2, with: 'Bo' }]), null, 'Bo opened one with us meanwhile');
  assert.equal(opener.listed([{ channel: D1, with: 'Dana' }, { channel: D2, with: 'Bo' }]), D1);
  assert.equal(opener.listed([{ channel: D1, with: 'Dana' }]), null, 'the wait is over');
});

test('a refused direct ends the wait and says who was asked for', () => {
  const opener = new DirectOpener();
  opener.open('Nobody');
  assert.equal(opener.refused(), 'Nobody');
  assert.equal(opener.listed([{ channel: D1, with: 'Nobody' }]), null);
  assert.equal(opener.refused(), null);
});

test('a later request replaces the one waited for', () => {
  const opener = new DirectOpener();
  opener.open('Dana');
  opener.open('Bo');
  assert.equal(opener.listed([{ channel: D1, with: 'Dana' }]), null);
  assert.equal(opener.listed([{ channel: D2, with: 'Bo' }, { channel: D1, with: 'Dana' }]), D2);
});
