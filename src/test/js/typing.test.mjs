import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Typists, typingText, TypingThrottle } from '../../main/webapp/typing.js';

test('the sentence names one, two, three, or two and the number of others', () => {
  assert.equal(typingText([]), '');
  assert.equal(typingText(['Ann']), 'Ann is typing…');
  assert.equal(typingText(['Ann', 'Bob']), 'Ann and Bob are typing…');
  assert.equal(typingText(['Ann', 'Bob', 'Cy']), 'Ann, Bob and Cy are typing…');
  assert.equal(typingText(['Ann', 'Bob', 'Cy', 'Di']), 'Ann, Bob and 2 others are typing…');
});

test('a typist is shown for five seconds after their last typing frame, per channel', () => {
  const t = new Typists();
  t.saw('general', 'Ann', 1000);
  t.saw('General', 'Bob', 3000);
  assert.deepEqual(t.names('GENERAL', 5999), ['Ann', 'Bob']);
  assert.deepEqual(t.names('random', 5999), []);
  assert.equal(t.nextChange('general', 5000), 1000);
  assert.deepEqual(t.names('general', 6000), ['Bob']);
  t.saw('general', 'bob', 7000); // again: shown longer, once
  assert.deepEqual(t.names('general', 8500), ['bob']);
  assert.deepEqual(t.names('general', 12000), []);
  assert.equal(t.nextChange('general', 12000), null);
});

test('a typist whose message arrived is no longer shown', () => {
  const t = new Typists();
  t.saw('general', 'Ann', 0);
  t.stopped('general', 'ann');
  assert.deepEqual(t.names('general', 1), []);
});

test('typing goes out at most once every two seconds per channel, and says when it may go again', () => {
  const throttle = new TypingThrottle();
  assert.equal(throttle.wait('general', 0), 0);
  throttle.sent('general', 0);
  assert.equal(throttle.wait('general', 500), 1500);
  assert.equal(throttle.wait('General', 1999), 1);
  assert.equal(throttle.wait('random', 1999), 0);
  assert.equal(throttle.wait('general', 2000), 0);
  throttle.sent('general', 2600);
  assert.equal(throttle.wait('general', 2700), 1900);
});
