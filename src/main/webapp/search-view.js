// The search box (#search, Enter searches) and its results (#search-results): each result a
// `.message` with `data-id` and `data-channel` showing the place, the author, the time and
// the text with the matching words in `mark` elements (PROTOCOL.md, `search`, `results` and
// page hooks). Everything the server sent goes in with textContent.
import { highlightParts } from './search-words.js';
import { setStatus } from './status.js';

const MAX_QUERY = 200;
const when = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

function el(tag, className, text) {
  const node = document.createElement(tag);
  node.className = className;
  node.textContent = text;
  return node;
}

export class SearchView {
  /**
   * ui: {form, input, status, results, more}. send(frame): sends a `search`, false when it
   * cannot now. open(channel, id): the reader chose a result. names(channel): placeNames.
   */
  constructor(ui, { send, open, names }) {
    this.ui = ui;
    this.send = send;
    this.open = open;
    this.names = names;
    this.query = null; // the query whose results are shown or awaited
    this.lastId = null;
    this.waiting = false;
    this.shown = 0;
    ui.form.addEventListener('submit', (event) => {
      event.preventDefault();
      this.search(ui.input.value.trim());
    });
    ui.more.addEventListener('click', () => this.ask({ type: 'search', query: this.query, before: this.lastId }));
  }

  search(query) {
    if (!query) {
      this.status('Type a word to search for.', 'error');
      return;
    }
    if (query.length > MAX_QUERY) {
      this.status(`A search is at most ${MAX_QUERY} characters.`, 'error');
      return;
    }
    this.query = query;
    this.lastId = null;
    this.ask({ type: 'search', query });
  }

  ask(frame) {
    if (!this.send(frame)) {
      this.status('The connection is down: search again when it is back.', 'error');
      return;
    }
    this.waiting = true;
    this.ui.more.disabled = true;
    this.status('Searching…', 'info');
  }

  /** A `results` frame: the first page replaces what is shown, a later one adds to it. */
  showResults(frame) {
    if (!this.waiting || frame.query !== this.query) {
      return;
    }
    this.waiting = false;
    const messages = (frame.messages ?? []).filter((m) => Number.isInteger(m.id) && typeof m.channel === 'string');
    const items = messages.map((m) => this.item(m));
    if (this.lastId === null) {
      this.ui.results.replaceChildren(...items);
      this.shown = 0;
    } else {
      this.ui.results.append(...items);
    }
    this.shown += items.length;
    this.lastId = messages.at(-1)?.id ?? this.lastId;
    this.ui.more.hidden = !frame.more;
    this.ui.more.disabled = false;
    const found = this.shown === 1 ? '1 message' : `${this.shown} messages`;
    this.status(this.shown === 0 ? `Nothing found for “${this.query}”.` : `${found} found for “${this.query}”.`, 'ok');
    if (this.lastId !== null && items.length > 0 && this.ui.results.firstChild !== items[0]) {
      items[0].querySelector('button').focus(); // after "More results", on the first new one
    }
  }

  /** The server refused the search (bad-request, no-such-channel, rate-limited). */
  refused(text) {
    this.waiting = false;
    this.ui.more.disabled = false;
    this.status(text, 'error');
  }

  status(text, tone) {
    setStatus(this.ui.status, text, tone);
  }

  item(message) {
    const li = document.createElement('li');
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'message search-result';
    button.dataset.id = String(message.id);
    button.dataset.channel = message.channel;
    const meta = el('span', 'meta', '');
    meta.append(el('span', 'place', this.names(message.channel).title), el('span', 'user', message.user ?? ''));
    const time = document.createElement('time');
    const date = new Date(message.timestamp);
    if (!Number.isNaN(date.getTime())) {
      time.dateTime = message.timestamp;
      time.textContent = when.format(date);
    }
    meta.append(time);
    const text = el('span', 'text', '');
    for (const part of highlightParts(message.text ?? '', this.query)) {
      text.append(part.match ? el('mark', '', part.text) : document.createTextNode(part.text));
    }
    button.append(meta, text);
    button.addEventListener('click', () => this.open(message.channel, message.id));
    li.append(button);
    return li;
  }
}
