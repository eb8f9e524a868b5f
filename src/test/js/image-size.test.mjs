import { test } from 'node:test';
import assert from 'node:assert/strict';
import { imageBox } from '../../main/webapp/image-size.js';

test('a small image keeps its size; a large one is scaled down to fit, aspect kept', () => {
  assert.deepEqual(imageBox(16, 16), { width: 16, height: 16 });
  assert.deepEqual(imageBox(1600, 900), { width: 352, height: 198 });
  assert.deepEqual(imageBox(400, 1000), { width: 102, height: 256 });
  assert.deepEqual(imageBox(10000, 1), { width: 352, height: 1 });
});

test('no box without a size in pixels', () => {
  for (const [w, h] of [[null, null], [undefined, 10], [0, 10], [10, -1], [1.5, 2], ['10', '10']]) {
    assert.equal(imageBox(w, h), null, `${w} x ${h}`);
  }
});
