// The tab's title: the open place (a channel or a direct conversation), and while the tab is
// hidden the count of messages it missed.

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
    doc.addEventListener('visibilitychange', () => {
      if (!this.hidden) {
        this.unread = 0;
      }
      this.update();
    });
  }

  get hidden() {
    return this.doc.visibilityState === 'hidden';
  }

  /**
   * A place was opened: its title ("#general", "Dana") goes in the tab's. `fresh` when it is
   * another place than before.
   */
  open(place, fresh) {
    if (fresh) {
      this.unread = 0;
    }
    this.place = place;
    this.update();
  }

  /** Somebody else's message arrived: counted while the tab is hidden. */
  arrived() {
    if (this.hidden) {
      this.unread++;
      this.update();
    }
  }

  update() {
    this.doc.title = pageTitle(this.place, this.hidden ? this.unread : 0);
  }
}
