// Browser notifications of direct messages and mentions while the tab is hidden: off until
// the user turns them on with the button, which is when the browser asks for permission.
// Clicking one brings the tab forward and opens that conversation.
import { setStatus } from './status.js';

const KEY = 'flack_notify';

function stored() {
  try {
    return localStorage.getItem(KEY) === 'on';
  } catch {
    return false;
  }
}

function store(on) {
  try {
    localStorage.setItem(KEY, on ? 'on' : 'off');
  } catch {
    // storage disabled: on for this visit only
  }
}

export class Notifier {
  /** ui: {button, status}. open(channel): opens that channel or conversation. */
  constructor(ui, open) {
    this.ui = ui;
    this.open = open;
    this.supported = typeof window.Notification === 'function';
    this.on = this.supported && stored() && Notification.permission === 'granted';
    ui.button.hidden = !this.supported;
    ui.button.addEventListener('click', () => this.toggle());
    this.show();
  }

  async toggle() {
    if (this.on) {
      this.set(false);
      return;
    }
    const permission = Notification.permission === 'default'
      ? await Notification.requestPermission()
      : Notification.permission;
    if (permission === 'granted') {
      this.set(true);
    } else {
      setStatus(this.ui.status, 'The browser blocks notifications from Flack: allow them in its site settings.', 'error');
    }
  }

  set(on) {
    this.on = on;
    store(on);
    this.show();
    setStatus(this.ui.status, on ? 'You are notified of direct messages and mentions while Flack is in the background.' : '', on ? 'ok' : '');
  }

  show() {
    this.ui.button.setAttribute('aria-pressed', String(this.on));
    this.ui.button.textContent = this.on ? 'Notifications on' : 'Turn on notifications';
  }

  /** Shows a notification (when they are on) that opens `channel` when clicked. */
  notify(title, body, channel) {
    if (!this.on) {
      return;
    }
    const shown = new Notification(title, { body, tag: channel });
    shown.addEventListener('click', () => {
      window.focus();
      shown.close();
      this.open(channel);
    });
  }
}
