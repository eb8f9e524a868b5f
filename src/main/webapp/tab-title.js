// The tab's title: the open place (a channel or a direct conversation), and while the tab is
// hidden the total of the server's unread counts (PROTOCOL.md, `unread`).

/** "(3) #general — Flack": the unread count only when there is one, the place's title when one is open. */
export function pageTitle(place, unread) {
  const count = unread > 0 ? `(${unread}) ` : '';
  const shown = place ? `${place} — ` : '';
  return `${count}${shown}Flack`;
}

export class TabTitle {
  constructor(doc) {
    this.doc = doc;
    this.place = null;
    this.unread = 0;
    doc.addEventListener('visibilitychange', () => this.update());
  }

  get hidden() {
    return this.doc.visibilityState === 'hidden';
  }

  /** A place was opened: its title ("#general", "Dana") goes in the tab's. */
  open(place) {
    this.place = place;
    this.update();
  }

  /** The total of the unread counts the server sent: shown while the tab is hidden. */
  setUnread(total) {
    this.unread = total;
    this.update();
  }

  update() {
    this.doc.title = pageTitle(this.place, this.hidden ? this.unread : 0);
  }
}
