// "Who is typing" (PROTOCOL.md, `typing`): the server forwards a `typing` frame at most every
// 2 s per person, and pages show it for about 5 s. Pure: the clock is passed in.
import { nameKey } from './names.js';
import { listNames } from './reactions.js';

export const SHOWN_MS = 5000;
export const SEND_EVERY_MS = 2000;

/** Who typed lately, per channel. */
export class Typists {
  constructor(shownMs = SHOWN_MS) {
    this.shownMs = shownMs;
    this.until = new Map(); // channel key -> Map(user key -> {user, until})
  }

  /** `user` typed in `channel` at `now`. */
  saw(channel, user, now) {
    const key = nameKey(channel);
    if (!this.until.has(key)) {
      this.until.set(key, new Map());
    }
    this.until.get(key).set(nameKey(user), { user, until: now + this.shownMs });
  }

  /** `user` is done (their message arrived, or they left). */
  stopped(channel, user) {
    this.until.get(nameKey(channel))?.delete(nameKey(user));
  }

  /** The names still typing in `channel` at `now`, in the order they began. */
  names(channel, now) {
    const typing = this.until.get(nameKey(channel));
    if (!typing) {
      return [];
    }
    for (const [key, entry] of typing) {
      if (entry.until <= now) {
        typing.delete(key);
      }
    }
    return [...typing.values()].map((entry) => entry.user);
  }

  /** Milliseconds from `now` until the next name in `channel` expires, or null when none is shown. */
  nextChange(channel, now) {
    const typing = this.until.get(nameKey(channel));
    if (!typing || typing.size === 0) {
      return null;
    }
    return Math.max(0, Math.min(...[...typing.values()].map((entry) => entry.until)) - now);
  }
}

/** "" / "Ann is typing…" / "Ann and Bob are typing…" / "Ann, Bob and 2 others are typing…". */
export function typingText(names) {
  if (names.length === 0) {
    return '';
  }
  if (names.length === 1) {
    return `${names[0]} is typing…`;
  }
  if (names.length <= 3) {
    return `${listNames(names)} are typing…`;
  }
  return `${names[0]}, ${names[1]} and ${names.length - 2} others are typing…`;
}

/**
 * Lets a `typing` frame out at most once every `everyMs` per channel. Typing inside the
 * window is not lost: `wait` says how long until the next frame may go, so the caller can
 * send one then (the server drops what comes sooner).
 */
export class TypingThrottle {
  constructor(everyMs = SEND_EVERY_MS) {
    this.everyMs = everyMs;
    this.last = new Map();
  }

  /** Milliseconds from `now` until a `typing` for `channel` may go; 0 when it may go now. */
  wait(channel, now) {
    const last = this.last.get(nameKey(channel));
    return last === undefined ? 0 : Math.max(0, last + this.everyMs - now);
  }

  /** A `typing` for `channel` went out at `now`. */
  sent(channel, now) {
    this.last.set(nameKey(channel), now);
  }
}
