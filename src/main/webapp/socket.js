// The /socket connection: JSON frames in and out, reconnection with back-off, and a
// report of its state ('connecting' | 'connected' | 'offline') for the status element.

const FIRST_DELAY_MS = 500;
const MAX_DELAY_MS = 10_000;
const POLICY_VIOLATION = 1008; // the server closes with it when the session has no login

export class ChatSocket {
  /**
   * handlers: onFrame(frame), onOpen(), onState(state, detail), onLoggedOut()
   */
  constructor(url, handlers) {
    this.url = url;
    this.handlers = handlers;
    this.ws = null;
    this.delay = FIRST_DELAY_MS;
    this.timer = 0;
    this.stopped = false;
    window.addEventListener('online', () => this.retryNow());
    document.addEventListener('visibilitychange', () => {
      if (document.visibilityState === 'visible') {
        this.retryNow();
      }
    });
  }

  get open() {
    return this.ws !== null && this.ws.readyState === WebSocket.OPEN;
  }

  connect() {
    if (this.stopped || this.ws) {
      return;
    }
    clearTimeout(this.timer);
    this.timer = 0;
    this.handlers.onState('connecting');
    let opened = false;
    const ws = new WebSocket(this.url);
    this.ws = ws;
    ws.addEventListener('open', () => {
      opened = true;
      this.delay = FIRST_DELAY_MS;
      this.handlers.onState('connected');
      this.handlers.onOpen();
    });
    ws.addEventListener('message', (event) => {
      let frame;
      try {
        frame = JSON.parse(event.data);
      } catch {
        return; // the server only sends JSON; ignore anything else
      }
      this.handlers.onFrame(frame);
    });
    ws.addEventListener('close', (event) => {
      if (this.ws === ws) {
        this.ws = null;
      }
      if (this.stopped) {
        return;
      }
      if (event.code === POLICY_VIOLATION) {
        this.stop();
        this.handlers.onLoggedOut();
        return;
      }
      this.scheduleRetry(opened);
    });
  }

  async scheduleRetry(hadOpened) {
    if (!hadOpened) {
      // A refused handshake (401 before the upgrade) looks like any failure from here,
      // so ask the server whether this session still has a login.
      if (await this.loggedOut()) {
        this.stop();
        this.handlers.onLoggedOut();
        return;
      }
    }
    if (this.stopped || this.ws || this.timer) {
      return;
    }
    const wait = this.delay;
    this.delay = Math.min(this.delay * 2, MAX_DELAY_MS);
    this.handlers.onState('offline', { retryInMs: wait });
    this.timer = setTimeout(() => {
      this.timer = 0;
      this.connect();
    }, wait);
  }

  async loggedOut() {
    try {
      const r = await fetch('/checkchannel?name=x', { credentials: 'same-origin', cache: 'no-store' });
      return r.status === 401;
    } catch {
      return false; // no network: we cannot tell, keep retrying
    }
  }

  retryNow() {
    if (!this.stopped && !this.ws && this.timer) {
      clearTimeout(this.timer);
      this.timer = 0;
      this.delay = FIRST_DELAY_MS;
      this.connect();
    }
  }

  /** Sends a frame now; returns false when there is no open connection. */
  send(frame) {
    if (!this.open) {
      return false;
    }
    this.ws.send(JSON.stringify(frame));
    return true;
  }

  stop() {
    this.stopped = true;
    clearTimeout(this.timer);
    if (this.ws) {
      this.ws.close(1000, 'leaving');
      this.ws = null;
    }
  }
}

export function socketUrl() {
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  return `${scheme}://${location.host}/socket`;
}
