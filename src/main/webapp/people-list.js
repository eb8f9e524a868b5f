// The .people-list in the sidebar: who is online now (from `presence`), one button each.
// Activating one opens the direct conversation with that person; the viewer's own entry is
// disabled (nobody has a conversation with themselves).
import { sameName } from './names.js';

export class PeopleList {
  /** onPick(name): the user chose a person. viewer(): the viewer's name, marked as "you". */
  constructor(list, onPick, viewer) {
    this.list = list;
    this.onPick = onPick;
    this.viewer = viewer;
  }

  show(names) {
    const focused = document.activeElement?.closest?.('.people-list button')?.textContent;
    this.list.replaceChildren(...names.map((name) => {
      const li = document.createElement('li');
      const button = document.createElement('button');
      button.type = 'button';
      button.className = 'person';
      button.textContent = name;
      const me = sameName(name, this.viewer());
      button.classList.toggle('me', me);
      button.disabled = me;
      button.title = me ? 'You' : `Message ${name}`;
      button.addEventListener('click', () => this.onPick(name));
      li.append(button);
      return li;
    }));
    if (focused) {
      [...this.list.querySelectorAll('button')].find((b) => b.textContent === focused)?.focus();
    }
  }
}
