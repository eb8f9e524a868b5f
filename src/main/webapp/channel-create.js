// The new-channel form: a live check of the name (#create-channel is enabled only while the
// server says it is free), then `create`, and the new channel opened once the list has it.
import { watchName } from './namecheck.js';
import { setStatus } from './status.js';
import { sameName } from './names.js';

export class ChannelCreator {
  /**
   * create(name): sends `create`; false when there is no connection.
   * onCreated(name): the channel asked for is in the server's list now.
   */
  constructor({ form, input, button, status }, { create, onCreated }) {
    this.input = input;
    this.button = button;
    this.status = status;
    this.onCreated = onCreated;
    this.accepted = null; // the normalised name the server said is free
    this.pending = null; // the name a `create` was sent for, until the list has it
    this.check = watchName(input, '/checkchannel', (check) => this.checked(check));
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      if (this.accepted === null) {
        return;
      }
      if (!create(this.accepted)) {
        setStatus(status, 'Not connected; create the channel when the connection is back.', 'error');
        return;
      }
      this.pending = this.accepted;
      this.accepted = null;
      button.disabled = true;
      input.value = '';
      setStatus(status, 'Creating…', 'info');
    });
  }

  checked(check) {
    this.accepted = check.kind === 'free' ? check.name : null;
    this.button.disabled = this.accepted === null;
    this.input.setAttribute('aria-invalid', String(check.kind === 'invalid' || check.kind === 'taken'));
    switch (check.kind) {
      case 'empty': setStatus(this.status, '', ''); break;
      case 'pending': setStatus(this.status, 'Checking…', 'info'); break;
      case 'free': setStatus(this.status, `#${check.name} is free.`, 'ok'); break;
      case 'taken': setStatus(this.status, `#${check.name} exists already.`, 'error'); break;
      default:
        if (check.code === 'not-logged-in') {
          location.replace('/');
        }
        setStatus(this.status, check.message, 'error');
    }
  }

  /** The server's channel list changed: the pending channel may be in it, a typed name may be taken now. */
  channelsChanged(names) {
    if (this.pending) {
      const created = names.find((name) => sameName(name, this.pending));
      if (created) {
        this.pending = null;
        setStatus(this.status, `Created #${created}.`, 'ok');
        this.onCreated(created);
      }
    }
    if (this.input.value.trim()) {
      this.check.recheck();
    }
  }

  /** The server refused the `create`. */
  refused(text) {
    this.pending = null;
    setStatus(this.status, text, 'error');
  }
}
