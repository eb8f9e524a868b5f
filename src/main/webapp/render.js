// The message list in #chatarea: one element per message, in id order, no duplicates.
// Everything a user wrote goes in with textContent; nothing is parsed as HTML.

const timeFormat = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });
const dateTimeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

function localTime(iso) {
  const when = new Date(iso);
  if (Number.isNaN(when.getTime())) {
    return { short: '', long: '' };
  }
  const today = new Date().toDateString() === when.toDateString();
  return { short: today ? timeFormat.format(when) : dateTimeFormat.format(when), long: dateTimeFormat.format(when) };
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

/** Builds the element of one message (PROTOCOL.md, page hooks). */
export function messageElement(message, onImage) {
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
  item.append(head);
  const text = el('p', 'text', message.text ?? '');
  if (!message.text) {
    text.classList.add('empty');
  }
  item.append(text);
  const image = imageUrl(message.image);
  if (image) {
    const link = el('a', 'image-link');
    link.href = image;
    link.setAttribute('aria-label', `Image from ${message.user}, open full size`);
    const img = el('img');
    img.src = image;
    img.alt = `Image from ${message.user}`;
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
  return item;
}

export class MessageList {
  constructor(area, onImage) {
    this.area = area;
    this.onImage = onImage;
    this.ids = []; // sorted ascending, parallel to the .message children
    this.byId = new Map();
  }

  clear() {
    this.ids = [];
    this.byId.clear();
    this.area.replaceChildren();
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

  /** Adds the messages that are not there yet, each at its place by id. Returns how many were new. */
  merge(messages) {
    let added = 0;
    for (const message of messages) {
      if (typeof message.id !== 'number' || this.byId.has(message.id)) {
        continue;
      }
      const node = messageElement(message, this.onImage);
      const at = this.insertionIndex(message.id);
      const before = at < this.ids.length ? this.byId.get(this.ids[at]) : null;
      this.area.insertBefore(node, before);
      this.ids.splice(at, 0, message.id);
      this.byId.set(message.id, node);
      added++;
    }
    return added;
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
