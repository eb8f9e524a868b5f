// Suggesting names while an `@` is typed in the composer: a listbox of the people online
// under the text box, which keeps the focus and points at the highlighted option with
// aria-activedescendant (ArrowUp/ArrowDown choose, Enter or Tab insert, Escape closes).
import { mentionQuery, mentionChoices, insertMention } from './mentions.js';

export class MentionSuggest {
  /** ui: {input, list, status}. names(): who is online. viewer(): the viewer's name. */
  constructor(ui, { names, viewer }) {
    this.ui = ui;
    this.names = names;
    this.viewer = viewer;
    this.choices = [];
    this.at = 0;
    this.query = null;
    ui.input.setAttribute('aria-autocomplete', 'list');
    ui.input.setAttribute('aria-controls', ui.list.id);
    ui.input.addEventListener('input', () => this.refresh());
    ui.input.addEventListener('click', () => this.refresh());
    ui.input.addEventListener('blur', () => this.close());
    ui.input.addEventListener('keydown', (event) => this.key(event));
    // Pressing an option must not blur the text box before the click inserts the name.
    ui.list.addEventListener('mousedown', (event) => event.preventDefault());
    ui.list.addEventListener('click', (event) => {
      const option = event.target.closest('[role="option"]');
      if (option) {
        this.insert(Number(option.dataset.index));
      }
    });
  }

  get isOpen() {
    return this.choices.length > 0;
  }

  refresh() {
    const input = this.ui.input;
    this.query = input.selectionStart === input.selectionEnd ? mentionQuery(input.value, input.selectionStart) : null;
    const choices = this.query ? mentionChoices(this.names(), this.query.query, this.viewer()) : [];
    const same = choices.length === this.choices.length && choices.every((c, i) => c === this.choices[i]);
    if (!same) {
      this.at = 0;
    }
    this.choices = choices;
    this.draw();
  }

  draw() {
    const { input, list, status } = this.ui;
    list.replaceChildren(...this.choices.map((name, i) => {
      const option = document.createElement('li');
      option.id = `${list.id}-${i}`;
      option.setAttribute('role', 'option');
      option.setAttribute('aria-selected', String(i === this.at));
      option.dataset.index = String(i);
      option.textContent = name;
      return option;
    }));
    list.hidden = !this.isOpen;
    if (this.isOpen) {
      input.setAttribute('aria-activedescendant', `${list.id}-${this.at}`);
      status.textContent = `${this.choices.length} ${this.choices.length === 1 ? 'name' : 'names'} to mention: `
        + 'up and down arrows choose, Enter inserts, Escape closes.';
    } else {
      input.removeAttribute('aria-activedescendant');
      status.textContent = '';
    }
  }

  close() {
    if (this.isOpen) {
      this.choices = [];
      this.draw();
    }
  }

  /** Handles the listbox's keys while it is open; the event is then marked as handled. */
  key(event) {
    if (!this.isOpen || event.isComposing) {
      return;
    }
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      this.at = (this.at + step + this.choices.length) % this.choices.length;
      this.draw();
    } else if ((event.key === 'Enter' && !event.shiftKey) || event.key === 'Tab') {
      event.preventDefault();
      this.insert(this.at);
    } else if (event.key === 'Escape') {
      event.preventDefault();
      this.close();
    }
  }

  insert(index) {
    const name = this.choices[index];
    if (name === undefined || !this.query) {
      return;
    }
    const input = this.ui.input;
    const { value, caret } = insertMention(input.value, this.query.start, input.selectionStart, name);
    input.value = value;
    input.setSelectionRange(caret, caret);
    this.close();
    input.focus();
  }
}
