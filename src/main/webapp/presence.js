// Who is online (PROTOCOL.md, `presence`): the first frame after a connection opens lists
// everyone online, later ones only the changes. Pure.
import { nameKey } from './names.js';

export class Presence {
  constructor() {
    this.online = new Map(); // name key -> name
    this.fresh = true; // the next frame is a connection's first: it replaces what is known
  }

  /** A connection opened: its first `presence` frame will say who is online. */
  reconnected() {
    this.fresh = true;
  }

  /** Applies a `presence` frame's `users`; returns whether the list changed. */
  apply(users) {
    const before = this.names.join('\n');
    if (this.fresh) {
      this.online.clear();
      this.fresh = false;
    }
    for (const { user, online } of users ?? []) {
      if (typeof user !== 'string') {
        continue;
      }
      if (online) {
        this.online.set(nameKey(user), user);
      } else {
        this.online.delete(nameKey(user));
      }
    }
    return this.names.join('\n') !== before;
  }

  /** The names online, in alphabetical order. */
  get names() {
    return [...this.online.values()].sort((a, b) => a.localeCompare(b, undefined, { sensitivity: 'base' }));
  }
}
