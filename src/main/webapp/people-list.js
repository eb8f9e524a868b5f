// The .people-list in the sidebar: who is online now (from `presence`), one button each.
// Activating one puts "@Name " in the composer; direct conversations come later.
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
      button.title = me ? 'You' : `Mention ${name}`;
      button.addEventListener('click', () => this.onPick(name));
      li.append(button);
      return li;
    }));
    if (focused) {
      [...this.list.querySelectorAll('button')].find((b) => b.textContent === focused)?.focus();
    }
  }
}
