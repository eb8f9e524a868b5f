// The .channel-list in the sidebar: one button per channel, in creation order; the open one
// has class "active", one with unread messages a badge (PROTOCOL.md, page hooks).
import { sameName } from './names.js';
import { showBadge } from './badge.js';

export class ChannelList {
  /** onPick(name): the user chose a channel. badgeOf(name): its badge ({count, mention}) or null. */
  constructor(list, emptyHint, onPick, badgeOf) {
    this.list = list;
    this.emptyHint = emptyHint;
    this.onPick = onPick;
    this.badgeOf = badgeOf;
    this.names = [];
    this.active = null;
  }

  /** The channel with this name as the server created it, or undefined. */
  find(name) {
    return name ? this.names.find((other) => sameName(other, name)) : undefined;
  }

  show(names) {
    this.names = names;
    const shown = this.buttons().map((b) => b.textContent);
    if (shown.every((name, i) => names[i] === name)) {
      // Channels are only ever added, at the end: leave the existing buttons (and focus) alone.
      this.list.append(...names.slice(shown.length).map((name) => this.item(name)));
    } else {
      const focused = document.activeElement?.closest?.('.channel-list button')?.textContent;
      this.list.replaceChildren(...names.map((name) => this.item(name)));
      if (focused) {
        this.buttons().find((b) => b.textContent === focused)?.focus();
      }
    }
    this.emptyHint.hidden = names.length > 0;
    this.markActive();
    this.showBadges();
  }

  /** Draws every entry's badge as the counts now stand. */
  showBadges() {
    for (const button of this.buttons()) {
      showBadge(button.parentElement, button, this.badgeOf(button.textContent));
    }
  }

  /** Marks `name` as the open channel and keeps it in sight. */
  open(name) {
    this.active = name;
    this.markActive();
    // On a phone the list scrolls sideways: keep the open channel in sight
    // (after layout, so that a page still settling does not undo it).
    requestAnimationFrame(() => {
      this.list.querySelector('button.active')?.scrollIntoView({ block: 'nearest', inline: 'nearest' });
    });
  }

  item(name) {
    const li = document.createElement('li');
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'channel';
    button.textContent = name;
    button.addEventListener('click', () => this.onPick(name));
    li.append(button);
    return li;
  }

  buttons() {
    return [...this.list.querySelectorAll('button')];
  }

  markActive() {
    for (const button of this.buttons()) {
      const active = this.active !== null && sameName(button.textContent, this.active);
      button.classList.toggle('active', active);
      if (active) {
        button.setAttribute('aria-current', 'true');
      } else {
        button.removeAttribute('aria-current');
      }
    }
  }
}
