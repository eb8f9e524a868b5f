// The open channel's conversation: its title, the messages in #chatarea, loading older ones
// when the reader nears the top, keeping the view in place, and the "New messages" marker
// when something arrives while the reader is up in the history; updates of messages in place;
// the divider at the first unread message, and the window of history around a message a
// search found (history-window.js), paged both ways until it meets the newest again.
import { MessageList } from './render.js';
import { firstUnreadId, firstUnreadAfter } from './unread.js';
import { reachedBeginning, leavesGap } from './history-paging.js';
import { HistoryWindow } from './history-window.js';
import { sameName } from './names.js';

const NEAR_BOTTOM_PX = 48;

export class Conversation {
  /**
   * ui: {title, note, historyStatus, chatarea, newMessages, composerInput}.
   * askOlder(before), askNewer(after): send `older` / `newer` for the open channel; false when
   * they cannot now. onJumpNewest(): the reader wants the newest page again (the page rejoins).
   * onImage(message): the reader clicked a message's image.
   * onReplaced(oldNode, newNode, message): a message's element was rebuilt.
   * names(channel): {title, phrase, person} of a place (directs.js, placeNames).
   */
  constructor(ui, { askOlder, askNewer, onJumpNewest, onImage, onReplaced, names }) {
    this.ui = ui;
    this.askOlder = askOlder;
    this.askNewer = askNewer;
    this.onJumpNewest = onJumpNewest;
    this.names = names;
    this.list = new MessageList(ui.chatarea, onImage, onReplaced);
    this.window = new HistoryWindow();
    this.channel = null;
    this.olderAsked = null; // the `before` of the `older` awaited: only its reply is taken
    this.exhausted = false; // the first message of the channel is shown
    this.reducedMotion = window.matchMedia('(prefers-reduced-motion: reduce)');
    this.atBottom = true; // the reader follows the newest messages (not scrolled up into the history)
    this.autoScrolling = false; // a smooth scroll to the bottom is under way
    ui.chatarea.addEventListener('scroll', () => {
      if (this.nearBottom()) {
        ui.newMessages.hidden = !this.window.holding;
        this.atBottom = true;
        this.autoScrolling = false;
      } else if (!this.autoScrolling) {
        this.atBottom = false;
      }
      this.loadOlderIfNeeded();
      this.loadNewerIfNeeded();
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
      if (this.window.live) {
        this.scrollToBottom(true);
      } else {
        this.onJumpNewest();
      }
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

  /** Puts the "New messages" divider at the first message after the read position `read` that counts. */
  markFirstUnreadAfter(read, viewer) {
    this.keepingView(() => this.list.setFirstUnread(firstUnreadAfter(this.list.ordered(), read, viewer)));
  }

  /** The newest message id shown, or null. */
  get newestId() {
    return this.list.newestId;
  }

  /**
   * Brings the message `id` into view and marks it when it is shown; otherwise shows the
   * window of history around it instead of what is loaded, once its two pages have come.
   */
  seek(id) {
    if (this.reveal(id)) {
      return;
    }
    this.list.clear();
    this.exhausted = false;
    this.ui.newMessages.hidden = true;
    const { before, after } = this.window.open(id);
    this.olderAsked = this.askOlder(before) ? before : null;
    if (this.askNewer(after)) {
      this.window.newerSent(after);
    }
    this.status('Loading the messages around it…');
  }

  /** Scrolls to the message `id` and marks it; false when it is not shown. */
  reveal(id) {
    const node = this.list.highlight(id);
    if (!node) {
      return false;
    }
    this.atBottom = false;
    node.tabIndex = -1;
    node.scrollIntoView({ block: 'center' });
    node.focus({ preventScroll: true });
    return true;
  }

  /** Once both pages around a searched-for message have come: shows it, or says it is gone. */
  finishJump() {
    const id = this.window.ready();
    if (id === null) {
      return;
    }
    this.status('');
    if (!this.reveal(id)) {
      this.status('That message is no longer in the history.');
    }
  }

  /** A line above the messages: where the history stands, or why it could not load. */
  status(text) {
    this.ui.historyStatus.textContent = text;
  }

  /** The answer to `join`. `switching` when it is another channel than the one shown. */
  showHistory(frame, switching) {
    const messages = frame.messages ?? [];
    const fresh = switching || !this.window.live; // a window of older history gives way to the newest page
    this.window.reset();
    if (fresh) {
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
    this.olderAsked = null;
    const wasNearBottom = this.following();
    this.keepingView(() => this.list.merge(messages, !fresh));
    if (fresh) {
      this.exhausted = reachedBeginning(frame);
      this.list.setBeginning(this.exhausted ? this.beginning() : null);
      this.status('');
    }
    this.relabel();
    this.ui.note.hidden = true;
    if (fresh || wasNearBottom) {
      this.scrollToBottom(false);
    }
  }

  /** The answer to `older`: the messages just before the oldest shown. */
  showOlder(frame) {
    if (!sameName(frame.channel, this.channel) || frame.before !== this.olderAsked) {
      return; // the answer to a request for a list shown before
    }
    this.olderAsked = null;
    this.window.olderCame();
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
      this.finishJump();
      return;
    }
    this.status('');
    this.finishJump();
    this.loadOlderIfNeeded();
  }

  /**
   * The answer to `newer`: the messages just after the newest shown in a window of older
   * history, added below it; a short page ends the window, with the live messages held meanwhile.
   */
  showNewer(frame) {
    if (!sameName(frame.channel, this.channel)) {
      return;
    }
    const got = this.window.newerArrived(frame);
    if (!got) {
      return; // the answer to a request for a list shown before
    }
    this.list.merge(got.messages); // below what the reader looks at, which stays in place
    this.atBottom = this.nearBottom();
    if (got.live) {
      this.ui.newMessages.hidden = true;
    }
    if (this.window.target === null) {
      this.status('');
    }
    this.finishJump();
    this.loadNewerIfNeeded();
  }

  olderRefused(text) {
    this.olderAsked = null;
    this.window.refused('older');
    this.status(text);
  }

  newerRefused(text) {
    this.window.refused('newer');
    this.status(text);
  }

  /** A new message in the open channel; `own` when this page sent it. Returns whether it was new. */
  showMessage(message, own) {
    if (!this.window.heard(message)) {
      // Held below a window of older history: the reader's own message brings the newest back.
      if (own) {
        this.onJumpNewest();
      } else {
        this.ui.newMessages.textContent = 'Jump to newest ↓';
        this.ui.newMessages.hidden = false;
      }
      return !this.list.has(message.id);
    }
    this.ui.newMessages.textContent = 'New messages ↓';
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
    if (!message || !sameName(message.channel, this.channel)) {
      return;
    }
    this.window.updated(message);
    if (!this.list.has(message.id)) {
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
    if (this.olderAsked !== null || this.exhausted || this.list.oldestId === null || this.window.target !== null) {
      return;
    }
    if (this.ui.chatarea.scrollTop > NEAR_BOTTOM_PX) {
      return;
    }
    const before = this.list.oldestId;
    if (this.askOlder(before)) {
      this.olderAsked = before;
      this.status('Loading older messages…');
    }
  }

  /** In a window of older history, asks for the next messages when the reader nears its end. */
  loadNewerIfNeeded() {
    if (!this.window.wantsNewer || this.window.target !== null || this.list.newestId === null || !this.nearBottom()) {
      return;
    }
    const after = this.list.newestId;
    if (this.askNewer(after)) {
      this.window.newerSent(after);
      this.status('Loading newer messages…');
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
