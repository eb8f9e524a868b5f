// Unread counts (PROTOCOL.md, "Unread"): what an `unread` frame says, the badge an entry
// shows, the tab's total, where the "New messages" divider goes, and which arrivals are worth
// a notification. Pure: the page draws and sends.
import { sameName } from './names.js';

/** The well-formed entries of an `unread` frame as a Map channel -> {unread, mentions, last}; missing = 0. */
export function unreadCounts(list) {
  const counts = new Map();
  for (const entry of Array.isArray(list) ? list : []) {
    if (entry && typeof entry.channel === 'string' && Number.isInteger(entry.unread) && entry.unread > 0) {
      counts.set(entry.channel, {
        unread: entry.unread,
        mentions: Number.isInteger(entry.mentions) && entry.mentions > 0 ? entry.mentions : 0,
        last: Number.isInteger(entry.last) ? entry.last : null,
      });
    }
  }
  return counts;
}

/** The counts of `channel` (compared as the server compares names), or undefined. */
export function countsOf(counts, channel) {
  for (const [name, entry] of counts) {
    if (sameName(name, channel)) {
      return entry;
    }
  }
  return undefined;
}

/**
 * The badge of `channel`: {count, mention} or null for none. The channel in view shows none
 * while the tab is visible: the reader is reading it.
 */
export function badgeFor(counts, channel, { inView, visible }) {
  const entry = countsOf(counts, channel);
  if (!entry || (inView && visible)) {
    return null;
  }
  return { count: entry.unread, mention: entry.mentions > 0 };
}

/** The sum of the unread counts, for the tab's title. */
export function totalUnread(counts) {
  let total = 0;
  for (const entry of counts.values()) {
    total += entry.unread;
  }
  return total;
}

/**
 * Where the "New messages" divider goes on opening a channel with `unread` unread messages:
 * the id of the `unread`-th message from the end among the others' messages that are not
 * deleted (what the server counts), or the oldest of them when fewer are loaded; null when
 * nothing is unread.
 */
export function firstUnreadId(messages, unread, viewer) {
  if (!(unread > 0)) {
    return null;
  }
  const counted = messages.filter((m) => !m.deleted && !(viewer && m.author === viewer.author));
  if (counted.length === 0) {
    return null;
  }
  return counted[Math.max(0, counted.length - unread)].id;
}

/**
 * Where the "New messages" divider goes when the join's history says the read position `read`:
 * the first message after it that someone else sent and that is not deleted; null when none.
 */
export function firstUnreadAfter(messages, read, viewer) {
  const first = messages.find((m) => m.id > read && !m.deleted && !(viewer && m.author === viewer.author));
  return first ? first.id : null;
}

/** Whether `message` names the viewer among its `mentions`. */
export function mentionsViewer(message, viewer) {
  return viewer != null && Array.isArray(message.mentions) && message.mentions.some((n) => sameName(n, viewer.user));
}

/**
 * Whether a message that arrived in the open channel deserves a notification: a direct
 * message or a mention of the viewer, from someone else, while the tab is hidden.
 */
export function notifiesMessage(message, viewer, { hidden, direct }) {
  if (!hidden || !viewer || message.deleted || message.author === viewer.author) {
    return false;
  }
  return direct || mentionsViewer(message, viewer);
}

/**
 * The channels whose mentions grew from `before` to `after` (in a direct conversation every
 * message counts as one), except `open`, whose messages arrive one by one: [{channel, mentions}].
 */
export function newMentions(before, after, open) {
  const grown = [];
  for (const [channel, entry] of after) {
    if (open !== null && sameName(channel, open)) {
      continue;
    }
    const was = countsOf(before, channel)?.mentions ?? 0;
    if (entry.mentions > was) {
      grown.push({ channel, mentions: entry.mentions - was });
    }
  }
  return grown;
}
