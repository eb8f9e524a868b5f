// Direct conversations (PROTOCOL.md, "Direct conversations"): what a `directs` frame says,
// how a place (a channel or a conversation with one person) is named to the reader, and the
// one `direct` the page waits for, so that the conversation it opened is joined when the
// server's list has it.
import { sameName } from './names.js';

/** Whether `channel` is a direct conversation's name: the server's, beginning with "@". */
export const isDirect = (channel) => typeof channel === 'string' && channel.startsWith('@');

/** The well-formed entries of a `directs` frame ({channel, with}), in the server's order. */
export function directEntries(list) {
  if (!Array.isArray(list)) {
    return [];
  }
  return list
    .filter((d) => d && isDirect(d.channel) && typeof d.with === 'string' && d.with !== '')
    .map((d) => ({ channel: d.channel, with: d.with }));
}

/** The newest conversation with the person called `name`, or undefined. */
export const directWith = (entries, name) => entries.find((d) => sameName(d.with, name));

/** The conversation whose channel is `channel`, or undefined. */
export const directOf = (entries, channel) => entries.find((d) => sameName(d.channel, channel));

/**
 * How the place `channel` is named: `title` for the header and the tab ("#general", or the
 * other person's name), `phrase` inside a sentence ("#general", "your conversation with Dana"),
 * `person` the other person's name (null for a public channel).
 */
export function placeNames(channel, entries) {
  if (!isDirect(channel)) {
    return { title: `#${channel}`, phrase: `#${channel}`, person: null };
  }
  const person = directOf(entries, channel)?.with ?? null;
  return person === null
    ? { title: 'Direct message', phrase: 'a direct conversation', person }
    : { title: person, phrase: `your conversation with ${person}`, person };
}

/** A name as typed, as the server reads it: no spaces around it, runs of spaces as one. */
export const typedName = (value) => (value ?? '').trim().replace(/ +/g, ' ');

/**
 * The `direct` the page sent and waits for. The server answers with the whole list, which
 * also comes when the other person opens one: only the entry with the person asked for ends
 * the wait.
 */
export class DirectOpener {
  constructor() {
    this.pending = null;
  }

  /** The frame that opens the conversation with `name`; from now on its answer is awaited. */
  open(name) {
    this.pending = name;
    return { type: 'direct', user: name };
  }

  /** A `directs` list arrived: the channel to join when it answers the wait, else null. */
  listed(entries) {
    if (this.pending === null) {
      return null;
    }
    const found = directWith(entries, this.pending);
    if (!found) {
      return null;
    }
    this.pending = null;
    return found.channel;
  }

  /** The server refused the `direct`: the wait ends; returns the name that was asked for. */
  refused() {
    const name = this.pending;
    this.pending = null;
    return name;
  }
}
