// The outbox: what the user has sent and the server has not yet confirmed, delivered reliably.
// One `send` is in flight at a time, in order. The echoed `message` with the same clientId
// confirms it; no answer within the timeout, or a lost connection, sends it again, and the
// clientId makes the server store it once however often it arrives (PROTOCOL.md, idempotent
// resend). No DOM here: the send function and the timers come from outside, so it runs in Node.
import { sameName } from './names.js';

/** Refusals that say "not now": the message stays and is sent again after a pause. */
export const RETRYABLE = new Set(['rate-limited', 'unavailable']);

export const SEND_TIMEOUT_MS = 15_000;
export const RETRY_DELAY_MS = 2_000;

const browserTimers = {
  set: (callback, ms) => setTimeout(callback, ms),
  clear: (handle) => clearTimeout(handle),
};

/** A fresh clientId: "c-" and 24 hex digits (the server takes 1 to 64 characters). */
export function newClientId(fill = (bytes) => crypto.getRandomValues(bytes)) {
  const bytes = new Uint8Array(12);
  fill(bytes); // getRandomValues works without a secure context, unlike randomUUID
  return `c-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}

/**
 * Single-threaded like the page: every method runs to its end before another starts, and
 * `onChange(outbox)` follows every change of the queue or of `waiting`.
 */
export class Outbox {
  #send; #onChange; #onDrop; #timers; #newId; #timeoutMs; #retryDelayMs;
  #queue = []; // {clientId, channel, text, image}, oldest first
  #current = null; // the item sent and not yet answered
  #channel = null; // the channel the connection is in; null while it is not in one
  #timeout = null;

  /**
   * send(frame): true when the frame went out, false when there is no connection.
   * onDrop(item): an item was given up because the page left its channel.
   * timers: {set(callback, ms) → handle, clear(handle)}.
   */
  constructor({ send, onChange = () => {}, onDrop = () => {}, timers = browserTimers, newId = newClientId,
    timeoutMs = SEND_TIMEOUT_MS, retryDelayMs = RETRY_DELAY_MS }) {
    this.#send = send;
    this.#onChange = onChange;
    this.#onDrop = onDrop;
    this.#timers = timers;
    this.#newId = newId;
    this.#timeoutMs = timeoutMs;
    this.#retryDelayMs = retryDelayMs;
  }

  /** The items not yet confirmed, oldest first. */
  get items() {
    return [...this.#queue];
  }

  /** The item sent and not yet answered, or null. */
  get inFlight() {
    return this.#current;
  }

  /** True while nothing can be sent: no connection, or not (yet) in a channel. */
  get waiting() {
    return this.#channel === null;
  }

  /** Queues a message for `channel` and sends it as soon as it is its turn. */
  add(channel, text, image = null) {
    const item = { clientId: this.#newId(), channel, text, image };
    this.#queue.push(item);
    this.flush();
    return item;
  }

  /** The connection is in `channel` (its history arrived): send what waits. */
  resume(channel) {
    this.#channel = channel;
    this.flush();
  }

  /** The connection or the membership is lost: nothing is in flight any more; send again on resume. */
  pause() {
    this.#channel = null;
    this.#settle();
    this.#onChange(this);
  }

  /** A `message` arrived: the item with its clientId is delivered. Returns that item, or null. */
  confirm(message) {
    const item = message?.clientId == null ? undefined : this.#queue.find((i) => i.clientId === message.clientId);
    if (!item) {
      return null;
    }
    this.#queue = this.#queue.filter((other) => other !== item);
    if (this.#current === item) {
      this.#settle();
    }
    this.flush();
    return item;
  }

  /**
   * The server refused the `send` in flight with `code`. Returns null when nothing was in
   * flight, else {item, outcome}: 'retry' (kept, sent again after a pause), 'rejoin' (kept;
   * the page must join again, then resume) or 'failed' (dropped; the next one goes out).
   */
  refuse(code) {
    const item = this.#current;
    if (!item) {
      return null;
    }
    this.#settle();
    if (RETRYABLE.has(code)) {
      this.#timers.set(() => this.flush(), this.#retryDelayMs);
      this.#onChange(this);
      return { item, outcome: 'retry' };
    }
    if (code === 'not-in-channel') {
      this.pause();
      return { item, outcome: 'rejoin' };
    }
    this.#queue = this.#queue.filter((other) => other !== item);
    this.flush();
    return { item, outcome: 'failed' };
  }

  /** Sends the oldest item when nothing is in flight and the connection is in a channel. */
  flush() {
    if (this.#current || this.#channel === null) {
      this.#onChange(this);
      return;
    }
    while (this.#queue.length && !sameName(this.#queue[0].channel, this.#channel)) {
      this.#onDrop(this.#queue.shift());
    }
    const head = this.#queue[0];
    if (head) {
      const frame = { type: 'send', channel: head.channel, text: head.text, clientId: head.clientId };
      if (head.image) {
        frame.image = head.image;
      }
      if (this.#send(frame)) {
        this.#current = head;
        this.#timeout = this.#timers.set(() => {
          if (this.#current === head) {
            this.#settle();
            this.flush(); // the same clientId again: the server stores it once
          }
        }, this.#timeoutMs);
      }
    }
    this.#onChange(this);
  }

  #settle() {
    this.#current = null;
    if (this.#timeout !== null) {
      this.#timers.clear(this.#timeout);
      this.#timeout = null;
    }
  }
}
