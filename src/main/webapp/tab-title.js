// The tab's title: the open channel, and while the tab is hidden the count of messages it missed.

/** "(3) #general — Flack": the unread count only when there is one, the channel when one is open. */
export function pageTitle(channel, unread) {
  const count = unread > 0 ? `(${unread}) ` : '';
  const place = channel ? `#${channel} — ` : '';
  return `${count}${place}Flack`;
}

export class TabTitle {
  constructor(doc) {
    this.doc = doc;
    this.channel = null;
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

  /** A channel was opened: its name goes in the title. `fresh` when it is another channel than before. */
  open(channel, fresh) {
    if (fresh) {
      this.unread = 0;
    }
    this.channel = channel;
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
    this.doc.title = pageTitle(this.channel, this.hidden ? this.unread : 0);
  }
}
