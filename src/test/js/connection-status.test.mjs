import { test } from 'node:test';
import assert from 'node:assert/strict';
import { connectionText } from '../../main/webapp/connection-status.js';

test('an open connection says so', () => {
  assert.equal(connectionText('connected'), 'Connected');
});

test('the first connection is "connecting", a later one "reconnecting"', () => {
  assert.equal(connectionText('connecting'), 'Connecting…');
  assert.equal(connectionText('connecting', { reconnecting: true }), 'Reconnecting…');
});

test('a lost connection says when it retries, in whole seconds, at least one', () => {
  assert.equal(connectionText('offline', { retryInMs: 4000 }), 'Connection lost — retrying in 4 s');
  assert.equal(connectionText('offline', { retryInMs: 2600 }), 'Connection lost — retrying in 3 s');
  assert.equal(connectionText('offline', { retryInMs: 200 }), 'Connection lost — retrying in 1 s');
  assert.equal(connectionText('offline'), 'Connection lost — retrying in 1 s');
});
