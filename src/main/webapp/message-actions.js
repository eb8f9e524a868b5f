// What a reader does to a message in #chatarea: react (the picker, and the .reactions
// buttons that toggle), edit one's own in place (Enter saves, Escape cancels) and delete
// one's own after a confirmation in the #confirm-delete dialog. The buttons come from
// render.js; this listens on the whole list, so redrawn messages need nothing of their own.
import { PICKER, toggleFrame } from './reactions.js';
import { textProblem } from './message-text.js';

export class MessageActions {
  /**
   * ui: {chatarea, dialog, dialogText}. list: the MessageList (messages by id, the viewer).
   * send(frame): sends a frame; false when there is no connection. problem(text): says why
   * something could not be done.
   */
  constructor(ui, { list, send, problem }) {
    this.ui = ui;
    this.list = list;
    this.send = send;
    this.problem = problem;
    this.editing = null; // {id, draft, saving}
    this.deleting = null; // the id the dialog asks about
    ui.chatarea.addEventListener('click', (event) => this.clicked(event));
    ui.chatarea.addEventListener('keydown', (event) => this.key(event));
    ui.dialog.addEventListener('close', () => this.confirmed(ui.dialog.returnValue));
    document.addEventListener('click', (event) => {
      if (!event.target.closest?.('.picker, button.react')) {
        this.closePicker(false);
      }
    });
  }

  messageOf(node) {
    const item = node.closest('.message');
    return item ? { item, message: this.list.message(Number(item.dataset.id)) } : null;
  }

  clicked(event) {
    const button = event.target.closest('button');
    const found = button && this.messageOf(button);
    if (!found?.message) {
      return;
    }
    const { item, message } = found;
    if (button.classList.contains('reaction')) {
      this.react(message, button.dataset.emoji);
    } else if (button.classList.contains('pick')) {
      this.react(message, button.dataset.emoji);
      this.closePicker(true);
    } else if (button.classList.contains('react')) {
      if (item.querySelector('.picker')) {
        this.closePicker(true);
      } else {
        this.openPicker(item, button);
      }
    } else if (button.classList.contains('edit')) {
      this.startEdit(item, message, message.text ?? '');
    } else if (button.classList.contains('delete')) {
      this.askDelete(message);
    } else if (button.classList.contains('save')) {
      this.save(item, message);
    } else if (button.classList.contains('cancel')) {
      this.cancelEdit(item);
    }
  }

  key(event) {
    const picker = event.target.closest('.picker');
    if (picker) {
      this.pickerKey(event, picker);
      return;
    }
    if (!event.target.matches('.editor textarea')) {
      return;
    }
    const found = this.messageOf(event.target);
    if (event.key === 'Escape') {
      event.preventDefault();
      this.cancelEdit(found.item);
    } else if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      this.save(found.item, found.message);
    }
  }

  react(message, emoji) {
    if (!this.send(toggleFrame(message, emoji, this.list.viewer?.user))) {
      this.problem('Not connected: the reaction was not sent. Try again when the connection is back.');
    }
  }

  // ---- the reaction picker ----

  openPicker(item, button, focus = true) {
    this.closePicker(false);
    const picker = document.createElement('div');
    picker.className = 'picker';
    picker.id = `picker-${item.dataset.id}`;
    picker.setAttribute('role', 'group');
    picker.setAttribute('aria-label', 'Pick a reaction (arrow keys move, Escape closes)');
    for (const { emoji, label } of PICKER) {
      const choice = document.createElement('button');
      choice.type = 'button';
      choice.className = 'pick';
      choice.dataset.emoji = emoji;
      choice.textContent = emoji;
      choice.title = label;
      choice.setAttribute('aria-label', `React with ${label}`);
      picker.append(choice);
    }
    button.after(picker);
    button.setAttribute('aria-expanded', 'true');
    button.setAttribute('aria-controls', picker.id);
    if (focus) {
      picker.querySelector('button').focus();
    }
  }

  pickerKey(event, picker) {
    const choices = [...picker.querySelectorAll('button')];
    const at = choices.indexOf(document.activeElement);
    const moves = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 };
    if (event.key === 'Escape') {
      event.preventDefault();
      this.closePicker(true);
    } else if (event.key in moves) {
      event.preventDefault();
      choices[(at + moves[event.key] + choices.length) % choices.length].focus();
    } else if (event.key === 'Home' || event.key === 'End') {
      event.preventDefault();
      choices[event.key === 'Home' ? 0 : choices.length - 1].focus();
    }
  }

  /** Closes an open picker; `refocus` puts the focus back on its react button. */
  closePicker(refocus) {
    const picker = this.ui.chatarea.querySelector('.picker');
    if (!picker) {
      return;
    }
    const button = picker.parentElement.querySelector('button.react');
    picker.remove();
    button?.setAttribute('aria-expanded', 'false');
    if (refocus) {
      button?.focus();
    }
  }

  // ---- editing in place ----

  startEdit(item, message, draft, focus = true) {
    if (this.editing && this.editing.id !== message.id) {
      const other = this.ui.chatarea.querySelector(`.message[data-id="${this.editing.id}"]`);
      if (other) {
        this.cancelEdit(other, false);
      }
    }
    this.editing = { id: message.id, draft, saving: false };
    const text = item.querySelector('.text');
    const editor = document.createElement('div');
    editor.className = 'editor';
    const box = document.createElement('textarea');
    box.id = `edit-${message.id}`;
    box.rows = 2;
    box.value = draft;
    box.setAttribute('aria-label', 'Edit your message');
    const hint = document.createElement('p');
    hint.className = 'hint';
    hint.id = `edit-hint-${message.id}`;
    hint.textContent = 'Enter saves, Escape cancels, Shift+Enter starts a new line.';
    box.setAttribute('aria-describedby', hint.id);
    box.addEventListener('input', () => {
      if (this.editing?.id === message.id) {
        this.editing.draft = box.value;
      }
    });
    const buttons = document.createElement('div');
    buttons.className = 'editor-buttons';
    for (const [className, label] of [['save primary', 'Save'], ['cancel quiet', 'Cancel']]) {
      const button = document.createElement('button');
      button.type = 'button';
      button.className = className;
      button.textContent = label;
      buttons.append(button);
    }
    editor.append(box, hint, buttons);
    text.hidden = true;
    text.after(editor);
    if (focus) {
      box.focus();
      box.setSelectionRange(box.value.length, box.value.length);
      editor.scrollIntoView({ block: 'nearest' });
    }
  }

  save(item, message) {
    const box = item.querySelector('.editor textarea');
    const text = box.value;
    if (text === message.text) {
      this.cancelEdit(item);
      return;
    }
    const problem = textProblem(text, Boolean(message.image));
    if (problem) {
      this.problem(problem);
      return;
    }
    if (!this.send({ type: 'edit', channel: message.channel, id: message.id, text })) {
      this.problem('Not connected: the edit was not saved. Try again when the connection is back.');
      return;
    }
    this.editing.saving = true;
    box.setAttribute('aria-busy', 'true');
    item.querySelector('.editor .hint').textContent = 'Saving…';
  }

  cancelEdit(item, refocus = true) {
    this.editing = null;
    item.querySelector('.editor')?.remove();
    item.querySelector('.text').hidden = false;
    if (refocus) {
      item.querySelector('button.edit')?.focus();
    }
  }

  /** The server refused an edit: the editor stays open with the words, to try again. */
  editRefused() {
    if (this.editing) {
      this.editing.saving = false;
      const item = this.ui.chatarea.querySelector(`.message[data-id="${this.editing.id}"]`);
      const hint = item?.querySelector('.editor .hint');
      if (hint) {
        hint.textContent = 'Enter saves, Escape cancels, Shift+Enter starts a new line.';
        item.querySelector('.editor textarea').focus();
      }
    }
  }

  /**
   * A message's element was rebuilt. An open picker and an edit still being written move into
   * the new element; an edit being saved ends here (the update carries the saved text).
   */
  replaced(oldNode, newNode, message) {
    const picker = oldNode.querySelector('.picker');
    const react = newNode.querySelector('button.react');
    if (picker && react) {
      // Someone reacted while the picker was open: it stays open, the focus on the same emoji.
      const emoji = picker.contains(document.activeElement) ? document.activeElement.dataset.emoji : null;
      this.openPicker(newNode, react, false);
      if (emoji) {
        [...newNode.querySelectorAll('.picker button')].find((b) => b.dataset.emoji === emoji)?.focus();
      }
    }
    if (!this.editing || this.editing.id !== message.id) {
      return;
    }
    const { draft, saving } = this.editing;
    const hadFocus = oldNode.contains(document.activeElement) || !document.activeElement
      || document.activeElement === document.body;
    if (saving || message.deleted || !newNode.querySelector('button.edit')) {
      this.editing = null;
      if (hadFocus) {
        (newNode.querySelector('button.edit') ?? this.ui.chatarea).focus();
      }
      return;
    }
    this.startEdit(newNode, message, draft, hadFocus);
  }

  // ---- deleting ----

  askDelete(message) {
    this.deleting = message.id;
    const shown = message.text || (message.image ? 'an image' : '');
    this.ui.dialogText.textContent = shown.length > 140 ? `“${shown.slice(0, 140)}…”` : `“${shown}”`;
    this.ui.dialog.returnValue = '';
    this.ui.dialog.showModal();
  }

  confirmed(answer) {
    const id = this.deleting;
    this.deleting = null;
    const message = id === null ? null : this.list.message(id);
    const item = this.ui.chatarea.querySelector(`.message[data-id="${id}"]`);
    if (!message || !item) {
      return;
    }
    if (answer !== 'delete') {
      item.querySelector('button.delete')?.focus();
      return;
    }
    if (!this.send({ type: 'delete', channel: message.channel, id })) {
      this.problem('Not connected: the message was not deleted. Try again when the connection is back.');
      item.querySelector('button.delete')?.focus();
      return;
    }
    this.ui.chatarea.focus();
  }
}
