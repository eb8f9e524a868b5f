// #typing under the composer: who is typing in the joined channel, each for about 5 s after
// their last `typing` frame.
import { Typists, typingText } from './typing.js';
import { sameName } from './names.js';

export class TypingView {
  constructor(node) {
    this.node = node;
    this.typists = new Typists();
    this.channel = null;
    this.timer = 0;
  }

  /** The channel now joined (null: none). */
  show(channel) {
    this.channel = channel;
    this.draw();
  }

  saw(channel, user) {
    this.typists.saw(channel, user, Date.now());
    if (sameName(channel, this.channel)) {
      this.draw();
    }
  }

  stopped(channel, user) {
    this.typists.stopped(channel, user);
    if (sameName(channel, this.channel)) {
      this.draw();
    }
  }

  draw() {
    clearTimeout(this.timer);
    const now = Date.now();
    const text = this.channel ? typingText(this.typists.names(this.channel, now)) : '';
    if (this.node.textContent !== text) {
      this.node.textContent = text;
    }
    const next = this.channel ? this.typists.nextChange(this.channel, now) : null;
    if (next !== null) {
      this.timer = setTimeout(() => this.draw(), next + 20);
    }
  }
}
