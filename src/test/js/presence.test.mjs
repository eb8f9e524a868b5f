import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Presence } from '../../main/webapp/presence.js';

test('the first frame lists who is online, later ones change it', () => {
  const p = new Presence();
  assert.equal(p.apply([{ user: 'bob', online: true }, { user: 'Ann', online: true }]), true);
  assert.deepEqual(p.names, ['Ann', 'bob']);
  assert.equal(p.apply([{ user: 'Cy', online: true }]), true);
  assert.deepEqual(p.names, ['Ann', 'bob', 'Cy']);
  assert.equal(p.apply([{ user: 'BOB', online: false }]), true);
  assert.deepEqual(p.names, ['Ann', 'Cy']);
  assert.equal(p.apply([{ user: 'Zed', online: false }]), false);
});

test('after a reconnect the first frame replaces the list', () => {
  const p = new Presence();
  p.apply([{ user: 'Ann', online: true }, { user: 'Bob', online: true }]);
  p.reconnected();
  assert.equal(p.apply([{ user: 'Bob', online: true }]), true);
  assert.deepEqual(p.names, ['Bob']);
  assert.equal(p.apply([{ user: 'Ann', online: true }]), true);
  assert.deepEqual(p.names, ['Ann', 'Bob']);
});

test('entries without a name are ignored', () => {
  const p = new Presence();
  p.apply([{ online: true }, { user: 3, online: true }]);
  assert.deepEqual(p.names, []);
});
