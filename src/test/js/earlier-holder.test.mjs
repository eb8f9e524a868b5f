import { test } from 'node:test';
import assert from 'node:assert/strict';
import { earlierHolderIds } from '../../main/webapp/earlier-holder.js';

const m = (id, user, author) => ({ id, user, author });

test('older messages of a name online now, by another author than its newest, are an earlier holder', () => {
  const messages = [m(1, 'Ann', 'old'), m(2, 'Bob', 'b'), m(3, 'ann', 'new'), m(4, 'Ann', 'new')];
  assert.deepEqual([...earlierHolderIds(messages, null, ['ANN', 'Bob'])], [1]);
});

test('a name nobody holds now is never marked', () => {
  const messages = [m(1, 'Ann', 'old'), m(2, 'Ann', 'new')];
  assert.deepEqual([...earlierHolderIds(messages, null, ['Bob'])], []);
});

test("the viewer's name is held by the viewer's author, whatever the messages say", () => {
  const messages = [m(1, 'Zoë', 'mine'), m(2, 'zoë', 'theirs'), m(3, 'Zoë', 'mine')];
  const viewer = { user: 'ZOË', author: 'mine' };
  assert.deepEqual([...earlierHolderIds(messages, viewer, [])], [2]);
  assert.deepEqual([...earlierHolderIds(messages, { user: 'Zoë', author: 'fresh' }, [])], [1, 2, 3],
    'a viewer who has not written yet holds the name: all of them are earlier');
});

test('messages without an author are left alone', () => {
  const messages = [m(1, 'Ann', undefined), m(2, 'Ann', 'a')];
  assert.deepEqual([...earlierHolderIds(messages, null, ['Ann'])], []);
});
