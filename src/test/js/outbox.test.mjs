import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Outbox, newClientId, RETRYABLE } from '../../main/webapp/outbox.js';

/** Timers that only move when the test says so. */
class FakeClock {
  now = 0;
  pending = new Map();
  next = 1;
  set = (callback, ms) => {
    const handle = this.next++;
    this.pending.set(handle, { at: this.now + ms, callback });
    return handle;
  };
  clear = (handle) => { this.pending.delete(handle); };
  advance(ms) {
    const until = this.now + ms;
    for (;;) {
      const due = [...this.pending].filter(([, t]) => t.at <= until).sort((a, b) => a[1].at - b[1].at)[0];
      if (!due) break;
      this.pending.delete(due[0]);
      this.now = due[1].at;
      due[1].callback();
    }
    this.now = until;
  }
}

/** An outbox wired to a fake connection that records what it sends. */
function setup({ connected = true } = {}) {
  const clock = new FakeClock();
  const sent = [];
  const dropped = [];
  let ids = 0;
  const link = { connected };
  const changes = [];
  const outbox = new Outbox({
    send: (frame) => (link.connected ? (sent.push(frame), true) : false),
    onChange: (box) => changes.push(box.items.length),
    onDrop: (item) => dropped.push(item),
    timers: clock,
    newId: () => `c-${++ids}`,
    timeoutMs: 15_000,
    retryDelayMs: 2_000,
  });
  return { outbox, clock, sent, dropped, link, changes };
}

const echo = (frame, id = 1) => ({ id, channel: frame.channel, user: 'ann', text: frame.text, clientId: frame.clientId });

test('a message written before the channel is joined waits, then goes out on resume', () => {
  const { outbox, sent } = setup();
  outbox.add('general', 'hello');
  assert.equal(sent.length, 0);
  assert.equal(outbox.waiting, true);
  outbox.resume('general');
  assert.deepEqual(sent, [{ type: 'send', channel: 'general', text: 'hello', clientId: 'c-1' }]);
  assert.equal(outbox.waiting, false);
});

test('an image goes in the frame only when there is one', () => {
  const { outbox, sent } = setup();
  outbox.resume('general');
  outbox.add('general', '', '/uploads/a.png');
  assert.deepEqual(sent[0], { type: 'send', channel: 'general', text: '', clientId: 'c-1', image: '/uploads/a.png' });
});

test('only one send is in flight; the next goes out when the first is confirmed', () => {
  const { outbox, sent } = setup();
  outbox.resume('general');
  outbox.add('general', 'one');
  outbox.add('general', 'two');
  assert.deepEqual(sent.map((f) => f.text), ['one']);
  assert.equal(outbox.inFlight.text, 'one');

  const confirmed = outbox.confirm(echo(sent[0]));
  assert.equal(confirmed.text, 'one');
  assert.deepEqual(sent.map((f) => f.text), ['one', 'two']);
  assert.deepEqual(outbox.items.map((i) => i.text), ['two']);
});

test('the echoed message is matched by clientId, not by its text', () => {
  const { outbox, sent } = setup();
  outbox.resume('general');
  outbox.add('general', 'same words');
  assert.equal(outbox.confirm({ id: 7, channel: 'general', text: 'same words', clientId: 'c-other' }), null);
  assert.equal(outbox.confirm({ id: 8, channel: 'general', text: 'same words', clientId: null }), null);
  assert.equal(outbox.items.length, 1);
  assert.equal(outbox.confirm(echo(sent[0])).clientId, 'c-1');
  assert.equal(outbox.items.length, 0);
});

test('no answer within the timeout sends the same message again with the same clientId', () => {
  const { outbox, clock, sent } = setup();
  outbox.resume('general');
  outbox.add('general', 'hello');
  clock.advance(14_999);
  assert.equal(sent.length, 1);
  clock.advance(1);
  assert.equal(sent.length, 2);
  assert.deepEqual(sent[1], sent[0]);
});

test('a confirmed message is not sent again when its timeout would have passed', () => {
  const { outbox, clock, sent } = setup();
  outbox.resume('general');
  outbox.add('general', 'hello');
  outbox.confirm(echo(sent[0]));
  clock.advance(60_000);
  assert.equal(sent.length, 1);
  assert.equal(clock.pending.size, 0);
});

test('after a lost connection the unanswered message is sent again, once, on resume', () => {
  const { outbox, sent, link } = setup();
  outbox.resume('general');
  outbox.add('general', 'hello');
  link.connected = false;
  outbox.pause();
  assert.equal(outbox.inFlight, null);
  assert.equal(outbox.waiting, true);
  link.connected = true;
  outbox.resume('general');
  assert.equal(sent.length, 2);
  assert.equal(sent[1].clientId, sent[0].clientId);
  outbox.confirm(echo(sent[1]));
  outbox.confirm(echo(sent[0])); // the first one's echo, should it still come, changes nothing
  assert.equal(sent.length, 2);
  assert.equal(outbox.items.length, 0);
});

test('messages written while offline go out in order after reconnecting', () => {
  const { outbox, sent, link } = setup();
  link.connected = false;
  outbox.resume('general'); // the page believes it is in the channel, the socket says no
  outbox.add('general', 'one');
  outbox.add('general', 'two');
  assert.equal(sent.length, 0);
  assert.equal(outbox.inFlight, null);
  outbox.pause();
  link.connected = true;
  outbox.resume('general');
  assert.deepEqual(sent.map((f) => f.text), ['one']);
  outbox.confirm(echo(sent[0]));
  assert.deepEqual(sent.map((f) => f.text), ['one', 'two']);
});

for (const code of ['rate-limited', 'unavailable']) {
  test(`a send refused with ${code} is kept and sent again after the retry delay`, () => {
    const { outbox, clock, sent } = setup();
    outbox.resume('general');
    outbox.add('general', 'hello');
    assert.deepEqual(outbox.refuse(code), { item: outbox.items[0], outcome: 'retry' });
    assert.equal(outbox.inFlight, null);
    clock.advance(1_999);
    assert.equal(sent.length, 1);
    clock.advance(1);
    assert.equal(sent.length, 2);
    assert.equal(sent[1].clientId, sent[0].clientId);
  });
}

test('only rate-limited and unavailable are retryable', () => {
  assert.deepEqual([...RETRYABLE].sort(), ['rate-limited', 'unavailable']);
});

test('not-in-channel keeps the message and waits for the page to join again', () => {
  const { outbox, clock, sent } = setup();
  outbox.resume('general');
  outbox.add('general', 'hello');
  assert.equal(outbox.refuse('not-in-channel').outcome, 'rejoin');
  assert.equal(outbox.waiting, true);
  clock.advance(60_000);
  assert.equal(sent.length, 1);
  outbox.resume('general');
  assert.equal(sent.length, 2);
  assert.equal(sent[1].clientId, sent[0].clientId);
});

test('any other refusal drops the message and sends the next', () => {
  const { outbox, sent } = setup();
  outbox.resume('general');
  outbox.add('general', 'x'.repeat(5000));
  outbox.add('general', 'next');
  const refused = outbox.refuse('invalid-message');
  assert.equal(refused.outcome, 'failed');
  assert.equal(refused.item.text.length, 5000);
  assert.deepEqual(outbox.items.map((i) => i.text), ['next']);
  assert.equal(sent.at(-1).text, 'next');
});

test('a refusal with nothing in flight changes nothing', () => {
  const { outbox } = setup();
  outbox.add('general', 'waiting');
  assert.equal(outbox.refuse('rate-limited'), null);
  assert.equal(outbox.items.length, 1);
});

test('a message for a channel the page has left is dropped, not sent elsewhere', () => {
  const { outbox, sent, dropped, link } = setup();
  link.connected = false;
  outbox.resume('general');
  outbox.add('general', 'for general');
  outbox.pause();
  link.connected = true;
  outbox.resume('random');
  assert.deepEqual(dropped.map((i) => i.text), ['for general']);
  assert.equal(sent.length, 0);
  assert.equal(outbox.items.length, 0);
});

test('the channel is compared as the server compares names', () => {
  const { outbox, sent, dropped } = setup();
  outbox.add('General', 'hello');
  outbox.resume('general');
  assert.equal(dropped.length, 0);
  assert.equal(sent[0].channel, 'General');
});

test('every change is reported, with the queue as it is then', () => {
  const { outbox, sent, changes } = setup();
  outbox.add('general', 'hello');
  outbox.resume('general');
  outbox.confirm(echo(sent[0]));
  assert.equal(changes.at(-1), 0);
  assert.ok(changes.includes(1));
});

test('a clientId is "c-" and 24 hex digits, within the server\'s 64', () => {
  const id = newClientId();
  assert.match(id, /^c-[0-9a-f]{24}$/);
  assert.notEqual(newClientId(), id);
  assert.equal(newClientId((bytes) => bytes.fill(255)), `c-${'ff'.repeat(12)}`);
});
