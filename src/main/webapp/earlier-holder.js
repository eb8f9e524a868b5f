// A name's earlier holder (PROTOCOL.md, `author`): a display name is free again after its
// holder logs out, so the messages signed with one name may come from several logins. The
// page marks the messages of a name that someone holds now (online, or the viewer) but that
// another login wrote. Who holds a name now: for the viewer, the `author` of GET /me; for
// anyone else, the author of that name's newest message among those loaded. Pure.
import { nameKey } from './names.js';

/**
 * The ids of the messages written by an earlier holder of their name. `messages` in id order;
 * `viewer` {user, author} or null; `online` the names online now.
 */
export function earlierHolderIds(messages, viewer, online) {
  const current = new Map(); // name key -> the author holding it now
  for (const message of messages) {
    if (typeof message.user === 'string' && typeof message.author === 'string') {
      current.set(nameKey(message.user), message.author); // the newest wins
    }
  }
  const present = new Set((online ?? []).map(nameKey));
  if (viewer && typeof viewer.user === 'string' && typeof viewer.author === 'string') {
    current.set(nameKey(viewer.user), viewer.author);
    present.add(nameKey(viewer.user));
  }
  const earlier = new Set();
  for (const message of messages) {
    const key = nameKey(message.user);
    if (typeof message.author === 'string' && present.has(key) && current.get(key) !== message.author) {
      earlier.add(message.id);
    }
  }
  return earlier;
}
