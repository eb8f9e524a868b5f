// The open channel's conversation: its title, the messages in #chatarea, loading older ones
// when the reader nears the top, keeping the view in place, and the "New messages" marker
// when something arrives while the reader is up in the history; updates of messages in place;
// the divider at the first unread message, and paging back to a message a search found.
import { MessageList } from './render.js';
import { firstUnreadId } from './unread.js';
import { reachedBeginning, leavesGap } from './history-paging.js';
import { sameName } from './names.js';

const NEAR_BOTTOM_PX = 48;

export class Conversation {
  /**
   * ui: {title, note, historyStatus, chatarea, newMessages, composerInput}.
   * askOlder(before): sends `older` for the open channel; false when it cannot now.
   * onImage(message): the reader clicked a message's image.
   * onReplaced(oldNode, newNode, message): a message's element was rebuilt.
   * names(channel): {title, phrase, person} of a place (directs.js, placeNames).
   */
  constructor(ui, { askOlder, onImage, onReplaced, names }) {
    this.ui = ui;
    this.askOlder = askOlder;
    this.names = names;
    this.list = new MessageList(ui.chatarea, onImage, onReplaced);
    this.channel = null;
    this.olderPending = false;
    this.exhausted = false; // the first message of the channel is shown
    this.reducedMotion = window.matchMedia('(prefers-reduced-motion: reduce)');
    this.atBottom = true; // the reader follows the newest messages (not scrolled up into the history)
    this.autoScrolling = false; // a smooth scroll to the bottom is under way
    ui.chatarea.addEventListener('scroll', () => {
      if (this.nearBottom()) {
        ui.newMessages.hidden = true;
        this.atBottom = true;
        this.autoScrolling = false;
      } else if (!this.autoScrolling) {
        this.atBottom = false;
      }
      this.loadOlderIfNeeded();
    }, { passive: true });
    ui.chatarea.addEventListener('scrollend', () => {
      this.autoScrolling = false;
    });
    // An image whose size the message did not say grows when it loads: a reader at the bottom
    // stays there (load does not bubble, so it is caught on the way down).
    ui.chatarea.addEventListener('load', (event) => {
      if (event.target.tagName === 'IMG' && this.atBottom) {
        ui.chatarea.scrollTop = ui.chatarea.scrollHeight;
      }
    }, true);
    ui.newMessages.addEventListener('click', () => {
      this.scrollToBottom(true);
      ui.composerInput.focus();
    });
  }

  /**
   * Puts the "New messages" divider at the first of the `unread` messages the counts knew of
   * before the channel opened (unread.js, firstUnreadId).
   */
  markFirstUnread(unread, viewer) {
    this.keepingView(() => this.list.setFirstUnread(firstUnreadId(this.list.ordered(), unread, viewer)));
  }

  /** The newest message id shown, or null. */
  get newestId() {
    return this.list.newestId;
  }

  /**
   * Brings the message `id` into view and marks it: 'shown' when it is; 'loading' when older
   * messages were asked for (call again when they arrive); 'gone' when the whole history is
   * loaded without it (deleted since, or never in this channel).
   */
  seek(id) {
    const node = this.list.highlight(id);
    if (node) {
      this.atBottom = false;
      node.tabIndex = -1;
      node.scrollIntoView({ block: 'center' });
      node.focus({ preventScroll: true });
      return 'shown';
    }
    if (this.exhausted || this.list.oldestId === null) {
      return 'gone';
    }
    if (!this.olderPending && this.askOlder(this.list.oldestId)) {
      this.olderPending = true;
      this.status('Loading older messages…');
    }
    return 'loading';
  }

  /** A line above the messages: where the history stands, or why it could not load. */
  status(text) {
    this.ui.historyStatus.textContent = text;
  }

  /** The answer to `join`. `switching` when it is another channel than the one shown. */
  showHistory(frame, switching) {
    const messages = frame.messages ?? [];
    if (switching) {
      this.list.clear();
      this.exhausted = false;
      this.ui.newMessages.hidden = true;
    } else if (leavesGap(frame, this.list.newestId)) {
      // Back after a long absence: more was said than one history holds, so start afresh
      // rather than show a silent gap.
      this.list.clear();
      this.exhausted = false;
    }
    this.channel = frame.channel;
    this.olderPending = false;
    const wasNearBottom = this.following();
    this.keepingView(() => this.list.merge(messages, !switching));
    if (switching) {
      this.exhausted = reachedBeginning(frame);
      this.list.setBeginning(this.exhausted ? this.beginning() : null);
      this.status('');
    }
    this.relabel();
    this.ui.note.hidden = true;
    if (switching || wasNearBottom) {
      this.scrollToBottom(false);
    }
  }

  /** The answer to `older`: the messages just before the oldest shown. */
  showOlder(frame) {
    if (!sameName(frame.channel, this.channel)) {
      return;
    }
    this.olderPending = false;
    const messages = frame.messages ?? [];
    if (messages.length > 0) {
      const area = this.ui.chatarea;
      const fromBottom = area.scrollHeight - area.scrollTop;
      this.list.merge(messages);
      area.scrollTop = area.scrollHeight - fromBottom; // keep what the reader looks at in place
    }
    if (reachedBeginning(frame)) {
      this.exhausted = true;
      const area = this.ui.chatarea;
      const fromBottom = area.scrollHeight - area.scrollTop;
      this.list.setBeginning(this.beginning());
      area.scrollTop = area.scrollHeight - fromBottom;
      this.status('');
      return;
    }
    this.status('');
    this.loadOlderIfNeeded();
  }

  olderRefused(text) {
    this.olderPending = false;
    this.status(text);
  }

  /** A new message in the open channel; `own` when this page sent it. Returns whether it was new. */
  showMessage(message, own) {
    const wasNearBottom = this.following();
    if (this.list.merge([message]) === 0) {
      return false; // a resend answered with the stored message: nothing new
    }
    if (own || wasNearBottom) {
      this.scrollToBottom(true);
    } else {
      this.ui.newMessages.hidden = false;
    }
    return true;
  }

  /** The viewer ({user, author}) is known: messages are drawn with their own actions and mentions. */
  setViewer(viewer) {
    this.keepingView(() => this.list.setViewer(viewer));
  }

  /** The names online now, which tell a name's current holder from an earlier one. */
  setOnline(names) {
    this.keepingView(() => this.list.setOnline(names));
  }

  /** A message as it now is (`update`); one that is not shown is ignored. */
  showUpdate(message) {
    if (!message || !sameName(message.channel, this.channel) || !this.list.has(message.id)) {
      return;
    }
    this.keepingView(() => this.list.replace(message));
  }

  /**
   * Runs `change` (which redraws messages) without moving what the reader looks at: at the
   * bottom the view stays at the bottom, elsewhere the first message in view stays where it is.
   */
  keepingView(change) {
    const area = this.ui.chatarea;
    if (this.following()) {
      change();
      area.scrollTop = area.scrollHeight;
      return;
    }
    const top = area.getBoundingClientRect().top;
    const anchor = [...area.querySelectorAll('.message')].find((m) => m.getBoundingClientRect().bottom > top);
    const id = anchor?.dataset.id;
    const before = anchor ? anchor.getBoundingClientRect().top - top : 0;
    change();
    const again = id ? area.querySelector(`.message[data-id="${id}"]`) : null;
    if (again) {
      area.scrollTop += again.getBoundingClientRect().top - top - before;
    }
  }

  /** Asks for older messages when the reader is near the top and there may be some. */
  loadOlderIfNeeded() {
    if (this.olderPending || this.exhausted || this.list.oldestId === null) {
      return;
    }
    if (this.ui.chatarea.scrollTop > NEAR_BOTTOM_PX) {
      return;
    }
    if (this.askOlder(this.list.oldestId)) {
      this.olderPending = true;
      this.status('Loading older messages…');
    }
  }

  /**
   * Names the open place in the header: "#general", or for a direct conversation the other
   * person's name (class "direct"). Again when the list of conversations tells who that is.
   */
  relabel() {
    if (this.channel === null) {
      return;
    }
    const { title, person } = this.names(this.channel);
    this.ui.title.textContent = title;
    this.ui.title.classList.toggle('direct', person !== null);
    if (this.exhausted) {
      this.list.setBeginning(this.beginning());
    }
  }

  beginning() {
    return `This is the beginning of ${this.names(this.channel).phrase}.`;
  }

  /** Whether the reader is at the bottom, or on the way there by a scroll of the page's own. */
  following() {
    return this.atBottom || this.nearBottom();
  }

  nearBottom() {
    const area = this.ui.chatarea;
    return area.scrollHeight - area.scrollTop - area.clientHeight < NEAR_BOTTOM_PX;
  }

  scrollToBottom(smooth) {
    const behavior = smooth && !this.reducedMotion.matches ? 'smooth' : 'auto';
    const area = this.ui.chatarea;
    this.atBottom = true;
    this.autoScrolling = behavior === 'smooth' && area.scrollHeight - area.scrollTop - area.clientHeight > 1;
    area.scrollTo({ top: area.scrollHeight, behavior });
    this.ui.newMessages.hidden = true;
  }
}
