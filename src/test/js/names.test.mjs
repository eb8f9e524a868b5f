import { test } from 'node:test';
import assert from 'node:assert/strict';
import { nameKey, sameName } from '../../main/webapp/names.js';

test('names that differ only in case are the same name', () => {
  assert.equal(sameName('General', 'general'), true);
});

test('composed and decomposed forms are the same name', () => {
  assert.equal(sameName('caf\u00e9', 'cafe\u0301'), true);
});

test('different names are different', () => {
  assert.equal(sameName('general', 'random'), false);
});

test('a missing name has the empty key', () => {
  assert.equal(nameKey(null), '');
  assert.equal(nameKey(undefined), '');
});
