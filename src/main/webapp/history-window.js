// A window of a channel's history away from its newest messages: what the page shows after
// jumping to a search result older than what is loaded (PROTOCOL.md, `older` and `newer`).
// The window is opened around a message with `older` (before = id + 1) and `newer`
// (after = id), grows up with `older` and down with `newer`, and becomes the live bottom again
// when a `newer` page is shorter than the page size. Until then the channel's live messages
// are held, not shown (they would stand after a gap), and go in below the window's end once
// it reaches the newest. Pure: the conversation draws and sends.
import { pageSize } from './history-paging.js';

export const MAX_HELD = 1000;

export class HistoryWindow {
  constructor(maxHeld = MAX_HELD) {
    this.maxHeld = maxHeld;
    this.live = true; // the list ends at the channel's newest message
    this.target = null; // the message the window opened around, until both of its pages came
    this.olderAwaited = false; // the window's first `older` page has not come yet
    this.newerAsked = null; // the `after` of the `newer` awaited, or null
    this.held = new Map(); // id -> a live message heard while the window is not at the bottom
    // Live messages are complete in `held` only since the last overflow; a `newer` asked
    // before it cannot end the window.
    this.epoch = 0;
    this.newerEpoch = 0;
  }

  /** Opens a window around the message `id`: returns the `before` and `after` to ask for. */
  open(id) {
    this.live = false;
    this.target = id;
    this.held.clear();
    this.olderAwaited = true;
    this.newerAsked = null;
    return { before: id + 1, after: id };
  }

  /** Back at the newest page (a join's history): nothing is held any more. */
  reset() {
    this.live = true;
    this.target = null;
    this.olderAwaited = false;
    this.newerAsked = null;
    this.held.clear();
  }

  /** Whether a `newer` may be sent now: the window does not reach the newest, and none is awaited. */
  get wantsNewer() {
    return !this.live && this.newerAsked === null;
  }

  /** A `newer` after `after` was sent; only its reply is taken. */
  newerSent(after) {
    this.newerAsked = after;
    this.newerEpoch = this.epoch;
  }

  /** A page the window asked for was refused: the message it opened around is not waited for any more. */
  refused(which) {
    if (which === 'newer') {
      this.newerAsked = null;
    } else {
      this.olderAwaited = false;
    }
    this.target = null;
  }

  /** A live message of the channel: true when it is to be shown now, false when it is held. */
  heard(message) {
    if (this.live) {
      return true;
    }
    this.held.set(message.id, message);
    if (this.held.size > this.maxHeld) {
      this.held.clear();
      this.epoch++;
    }
    return false;
  }

  /** A message as it now is (`update`): a held one is kept in its new state. */
  updated(message) {
    if (this.held.has(message.id)) {
      this.held.set(message.id, message);
    }
  }

  /** The `older` page the window opened with came. */
  olderCame() {
    this.olderAwaited = false;
  }

  /**
   * A `newer` reply: null when it is not the one awaited; else {messages, live}: the messages to
   * add below the window, and whether the window now ends at the newest (then the held messages
   * are among them).
   */
  newerArrived(frame) {
    if (this.newerAsked === null || frame.after !== this.newerAsked) {
      return null;
    }
    this.newerAsked = null;
    const messages = frame.messages ?? [];
    const last = messages.length ? messages[messages.length - 1].id : frame.after;
    if (messages.length >= pageSize(frame) || this.newerEpoch !== this.epoch) {
      for (const id of this.held.keys()) {
        if (id <= last) {
          this.held.delete(id);
        }
      }
      return { messages, live: false };
    }
    const after = [...this.held.values()].filter((m) => m.id > last);
    this.live = true;
    this.held.clear();
    return { messages: [...messages, ...after], live: true };
  }

  /** The message to bring into view once both pages around it have come, else null. */
  ready() {
    if (this.target === null || this.olderAwaited || this.newerAsked !== null) {
      return null;
    }
    const id = this.target;
    this.target = null;
    return id;
  }

  /** Whether live messages are waiting below the window. */
  get holding() {
    return !this.live && this.held.size > 0;
  }
}
