// The message list in #chatarea: one element per message, in id order, no duplicates; an
// `update` replaces a message's element in place. Around the messages: a separator where a
// day begins, one header for a run of one author (class `grouped` on the messages after the
// first), the "earlier user" mark, the "New messages" divider at the first unread message,
// the highlight of a message a search led to, and "This is the beginning of #channel" above
// the first message once the whole history is loaded. Everything a user wrote goes in with textContent;
// nothing is parsed as HTML.
import { mentionParts } from './mentions.js';
import { linkParts } from './links.js';
import { reactionView } from './reactions.js';
import { continues, startsDay, dayLabel, clockTime } from './message-layout.js';
import { earlierHolderIds } from './earlier-holder.js';
import { imageBox } from './image-size.js';

const dateTimeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'full', timeStyle: 'short' });
const EARLIER = 'Written by an earlier holder of this name';

function localTime(iso) {
  const when = new Date(iso);
  if (Number.isNaN(when.getTime())) {
    return { short: '', long: '' };
  }
  return { short: clockTime(when), long: dateTimeFormat.format(when) };
}

function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) {
    node.className = className;
  }
  if (text != null) {
    node.textContent = text;
  }
  return node;
}

/** The image URL when it is an http(s) address; anything else (javascript:, data:) is not shown. */
function imageUrl(value) {
  if (typeof value !== 'string' || value === '') {
    return null;
  }
  try {
    const url = new URL(value, location.href);
    return url.protocol === 'http:' || url.protocol === 'https:' ? value : null;
  } catch {
    return null;
  }
}

/** Whether `message` was written by the viewer's login (not by an earlier holder of the name). */
export function isOwn(message, viewer) {
  return viewer != null && typeof message.author === 'string' && message.author === viewer.author;
}

function actionButton(className, text, label) {
  const button = el('button', className, text);
  button.type = 'button';
  button.setAttribute('aria-label', label);
  return button;
}

/** A link to an http(s) address of a message's text, opened in a new tab without a referrer. */
function linkElement(part) {
  const link = el('a', 'link', part.text);
  link.href = part.href;
  link.target = '_blank';
  link.rel = 'noopener noreferrer';
  return link;
}

/**
 * The message's text: each http(s) address an a.link, each mention of a name in a
 * span.mention (.me for the viewer's).
 */
function textElement(message, viewer) {
  const text = el('p', 'text');
  if (message.deleted) {
    text.classList.add('tombstone');
    text.textContent = 'message deleted';
    return text;
  }
  for (const piece of linkParts(message.text ?? '')) {
    if (piece.href) {
      text.append(linkElement(piece));
      continue;
    }
    for (const part of mentionParts(piece.text, message.mentions, viewer?.user)) {
      if (part.mention) {
        text.append(el('span', part.me ? 'mention me' : 'mention', part.text));
      } else {
        text.append(part.text);
      }
    }
  }
  if (!message.text) {
    text.classList.add('empty');
  }
  return text;
}

function reactionsElement(message, viewer) {
  const row = el('div', 'reactions');
  row.setAttribute('role', 'group');
  row.setAttribute('aria-label', `Reactions to the message from ${message.user}`);
  for (const reaction of reactionView(message.reactions, viewer?.user)) {
    const button = el('button', reaction.mine ? 'reaction mine' : 'reaction', String(reaction.count));
    button.type = 'button';
    button.dataset.emoji = reaction.emoji;
    button.title = reaction.title;
    button.setAttribute('aria-label', reaction.label);
    button.setAttribute('aria-pressed', String(reaction.mine));
    row.append(button);
  }
  row.hidden = row.childElementCount === 0;
  return row;
}

/**
 * Builds the element of one message (PROTOCOL.md, page hooks). `viewer` is {user, author}
 * of this login, or null while it is not known: then no message counts as one's own.
 */
export function messageElement(message, onImage, viewer = null) {
  const item = el('article', 'message');
  item.dataset.id = String(message.id);
  const head = el('header', 'meta');
  head.append(el('span', 'user', message.user));
  const time = el('time');
  const when = localTime(message.timestamp);
  time.dateTime = message.timestamp;
  time.textContent = when.short;
  time.title = when.long;
  head.append(time);
  if (message.edited && !message.deleted) {
    const edited = el('span', 'edited', '(edited)');
    edited.title = `Edited ${localTime(message.edited).long}`;
    head.append(edited);
  }
  if (!message.deleted) {
    const actions = el('div', 'actions');
    actions.append(actionButton('react', '☺+', `React to the message from ${message.user}`));
    if (isOwn(message, viewer)) {
      actions.append(actionButton('edit', 'Edit', 'Edit your message'));
      actions.append(actionButton('delete', 'Delete', 'Delete your message'));
    }
    head.append(actions);
  }
  item.append(head);
  item.append(textElement(message, viewer));
  if (message.deleted) {
    item.classList.add('deleted');
    return item;
  }
  const image = imageUrl(message.image);
  if (image) {
    const link = el('a', 'image-link');
    link.href = image;
    link.setAttribute('aria-label', `Image from ${message.user}, open full size`);
    const img = el('img');
    img.src = image;
    img.alt = `Image from ${message.user}`;
    const box = imageBox(message.imageWidth, message.imageHeight);
    if (box) {
      img.width = box.width; // the box is kept before the image loads, so nothing below moves
      img.height = box.height;
    }
    img.loading = 'lazy';
    img.decoding = 'async';
    link.append(img);
    link.addEventListener('click', (event) => {
      if (onImage) {
        event.preventDefault();
        onImage(message);
      }
    });
    item.append(link);
  }
  item.append(reactionsElement(message, viewer));
  return item;
}

/** What has the focus inside a message element, as a selector that finds it again in a new one. */
function focusKey(node) {
  const active = document.activeElement;
  if (!active || !node.contains(active) || active.tagName !== 'BUTTON') {
    return null;
  }
  if (active.classList.contains('reaction')) {
    return `button.reaction[data-emoji="${CSS.escape(active.dataset.emoji)}"]`;
  }
  const kind = ['react', 'edit', 'delete'].find((c) => active.classList.contains(c));
  return kind ? `button.${kind}` : null;
}

function daySeparator(label) {
  const line = el('div', 'day-separator');
  line.append(el('span', null, label));
  return line;
}

function unreadDivider() {
  const line = el('div', 'unread-divider');
  line.setAttribute('role', 'separator');
  line.setAttribute('aria-label', 'New messages');
  line.append(el('span', null, 'New messages'));
  return line;
}

function earlierMark() {
  const mark = el('span', 'earlier-user', 'earlier user');
  mark.setAttribute('role', 'note');
  mark.tabIndex = 0; // the explanation shows on focus too
  mark.title = EARLIER;
  mark.setAttribute('aria-label', EARLIER);
  return mark;
}

export class MessageList {
  /** onReplaced(oldNode, newNode, message): a message's element was just rebuilt. */
  constructor(area, onImage, onReplaced) {
    this.area = area;
    this.onImage = onImage;
    this.onReplaced = onReplaced;
    this.viewer = null;
    this.online = [];
    this.beginning = null; // the "beginning of #channel" line, while the whole history is shown
    this.firstUnread = null; // the id of the message the "New messages" divider stands before
    this.highlighted = null; // the id of the message a search result led to
    this.ids = []; // sorted ascending, parallel to the .message children
    this.byId = new Map();
    this.messages = new Map(); // id -> the message as last heard of
  }

  clear() {
    this.ids = [];
    this.byId.clear();
    this.messages.clear();
    this.beginning = null;
    this.firstUnread = null;
    this.highlighted = null;
    this.area.replaceChildren();
  }

  /** The messages shown, oldest first. */
  ordered() {
    return this.ids.map((id) => this.messages.get(id));
  }

  /** Puts the "New messages" divider before the message `id` (null: nowhere). */
  setFirstUnread(id) {
    this.firstUnread = id;
    this.layout();
  }

  /** Marks the message `id` (class `highlight`) and no other; returns its element, or null when it is not shown. */
  highlight(id) {
    this.byId.get(this.highlighted)?.classList.remove('highlight');
    this.highlighted = id;
    const node = this.byId.get(id) ?? null;
    node?.classList.add('highlight');
    return node;
  }

  draw(message) {
    const node = messageElement(message, this.onImage, this.viewer);
    node.classList.toggle('highlight', message.id === this.highlighted);
    return node;
  }

  /** The viewer ({user, author}) became known: every message is drawn again for it. */
  setViewer(viewer) {
    this.viewer = viewer;
    for (const message of this.messages.values()) {
      this.redraw(message);
    }
    this.layout();
  }

  /** The names online now changed: they decide who holds a name now. */
  setOnline(names) {
    this.online = names;
    this.layout();
  }

  /** Shows `text` above the first message (the whole history is loaded), or nothing for null. */
  setBeginning(text) {
    if (text === null) {
      this.beginning?.remove();
      this.beginning = null;
      return;
    }
    this.beginning ??= el('p', 'history-start');
    this.beginning.textContent = text;
    this.area.prepend(this.beginning);
  }

  message(id) {
    return this.messages.get(id);
  }

  /** Draws `message` anew in place of its element; false when it is not shown. */
  replace(message) {
    if (!this.redraw(message)) {
      return false;
    }
    this.layout();
    return true;
  }

  redraw(message) {
    const old = this.byId.get(message.id);
    if (!old) {
      return false;
    }
    const focus = focusKey(old);
    const node = this.draw(message);
    old.replaceWith(node);
    this.byId.set(message.id, node);
    this.messages.set(message.id, message);
    if (focus) {
      (node.querySelector(focus) ?? node.querySelector('button.react'))?.focus();
    }
    this.onReplaced?.(old, node, message);
    return true;
  }

  get oldestId() {
    return this.ids.length ? this.ids[0] : null;
  }

  get newestId() {
    return this.ids.length ? this.ids[this.ids.length - 1] : null;
  }

  has(id) {
    return this.byId.has(id);
  }

  /**
   * Adds the messages that are not there yet, each at its place by id. With `refresh`, those
   * already shown are drawn again as they are now (a history after a reconnect carries the
   * current states). Returns how many were new.
   */
  merge(messages, refresh = false) {
    let added = 0;
    let changed = false;
    for (const message of messages) {
      if (typeof message.id !== 'number') {
        continue;
      }
      if (this.byId.has(message.id)) {
        if (refresh && JSON.stringify(message) !== JSON.stringify(this.messages.get(message.id))) {
          changed = this.redraw(message) || changed;
        }
        continue;
      }
      const node = this.draw(message);
      const at = this.insertionIndex(message.id);
      const before = at < this.ids.length ? this.byId.get(this.ids[at]) : null;
      this.area.insertBefore(node, before);
      this.ids.splice(at, 0, message.id);
      this.byId.set(message.id, node);
      this.messages.set(message.id, message);
      added++;
    }
    if (added > 0 || changed) {
      this.layout();
    }
    return added;
  }

  /**
   * Lays the list out around the messages: the day separators (made afresh), `grouped` on
   * each message that continues its author's run, the "earlier user" marks.
   */
  layout() {
    for (const line of this.area.querySelectorAll(':scope > .day-separator, :scope > .unread-divider')) {
      line.remove();
    }
    const ordered = this.ordered();
    const earlier = earlierHolderIds(ordered, this.viewer, this.online);
    const today = new Date();
    let previous = null;
    for (const message of ordered) {
      const node = this.byId.get(message.id);
      const newDay = startsDay(previous, message);
      if (newDay) {
        node.before(daySeparator(dayLabel(new Date(message.timestamp), today)));
      }
      const grouped = !newDay && continues(previous, message);
      node.classList.toggle('grouped', grouped);
      // The run's header carries the mark: a run is one login, so all of it or none is earlier.
      const marked = earlier.has(message.id) && !grouped;
      const mark = node.querySelector('.meta > .earlier-user');
      if (marked && !mark) {
        node.querySelector('.meta > .user').after(earlierMark());
      } else if (!marked && mark) {
        mark.remove();
      }
      previous = message;
    }
    this.byId.get(this.firstUnread)?.before(unreadDivider());
    if (this.beginning) {
      this.area.prepend(this.beginning);
    }
  }

  insertionIndex(id) {
    let lo = 0;
    let hi = this.ids.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.ids[mid] < id) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }
}
