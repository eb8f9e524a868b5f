// The .direct-list in the sidebar: one button per direct conversation, newest first, whose
// text is the other person's name; the open one has class "active", one with unread messages
// a badge (PROTOCOL.md, page hooks).
// Below it the "New message" form, which opens a conversation by name.
import { sameName } from './names.js';
import { typedName } from './directs.js';
import { setStatus } from './status.js';
import { showBadge } from './badge.js';

export class DirectList {
  /** onPick(channel): the user chose a conversation. badgeOf(channel): its badge or null. */
  constructor(list, emptyHint, onPick, badgeOf) {
    this.list = list;
    this.emptyHint = emptyHint;
    this.onPick = onPick;
    this.badgeOf = badgeOf;
    this.entries = [];
    this.active = null;
  }

  /** entries: [{channel, with}], as `directs` lists them. */
  show(entries) {
    this.entries = entries;
    const focused = document.activeElement?.closest?.('.direct-list button')?.dataset.channel;
    this.list.replaceChildren(...entries.map((entry) => this.item(entry)));
    if (focused) {
      this.buttons().find((b) => b.dataset.channel === focused)?.focus();
    }
    this.emptyHint.hidden = entries.length > 0;
    this.markActive();
    this.showBadges();
  }

  /** Draws every entry's badge as the counts now stand. */
  showBadges() {
    for (const button of this.buttons()) {
      showBadge(button.parentElement, button, this.badgeOf(button.dataset.channel));
    }
  }

  /** Marks `channel` as the open place (a public channel marks none) and keeps it in sight. */
  open(channel) {
    this.active = channel;
    this.markActive();
    requestAnimationFrame(() => {
      this.list.querySelector('button.active')?.scrollIntoView({ block: 'nearest', inline: 'nearest' });
    });
  }

  item(entry) {
    const li = document.createElement('li');
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'direct';
    button.dataset.channel = entry.channel;
    button.textContent = entry.with;
    button.addEventListener('click', () => this.onPick(entry.channel));
    li.append(button);
    return li;
  }

  buttons() {
    return [...this.list.querySelectorAll('button')];
  }

  markActive() {
    for (const button of this.buttons()) {
      const active = this.active !== null && sameName(button.dataset.channel, this.active);
      button.classList.toggle('active', active);
      if (active) {
        button.setAttribute('aria-current', 'true');
      } else {
        button.removeAttribute('aria-current');
      }
    }
  }
}

/** The "New message" form: a name, a button, and why the server would not open it. */
export class DirectStarter {
  /** ui: {form, input, status}. onStart(name): open the conversation with that name. */
  constructor(ui, onStart) {
    this.ui = ui;
    ui.form.addEventListener('submit', (event) => {
      event.preventDefault();
      const name = typedName(ui.input.value);
      if (!name) {
        this.refused('Type the name of the person to write to.');
        ui.input.focus();
        return;
      }
      this.status('', '');
      onStart(name);
    });
    ui.input.addEventListener('input', () => {
      if (ui.input.getAttribute('aria-invalid') === 'true') {
        this.status('', '');
      }
    });
  }

  /** The server (or the form) refused: say why, and mark the input. */
  refused(text) {
    this.ui.input.setAttribute('aria-invalid', 'true');
    setStatus(this.ui.status, text, 'error');
  }

  /** The conversation with `name` was opened: a form that asked for it is ready for the next name. */
  opened(name) {
    if (sameName(typedName(this.ui.input.value), name)) {
      this.ui.input.value = '';
    }
    this.status('', '');
  }

  status(text, tone) {
    this.ui.input.removeAttribute('aria-invalid');
    setStatus(this.ui.status, text, tone);
  }
}
