// The composer: the text, an optional image (previewed, then uploaded with progress), and
// sending with Enter or the button. What passes the checks goes to onSend(text, imageUrl).
import { textProblem } from './message-text.js';
import { upload } from './upload.js';
import { setStatus } from './status.js';
import { ImagePreview } from './image-preview.js';

export class Composer {
  /**
   * ui: {form, message, image, send, preview, previewImage, removeImage, progress, status}.
   * canSend(): a channel is open. onSend(text, image): the message to deliver.
   * onTyping(): the user typed something (the caller throttles what it sends).
   */
  constructor(ui, { canSend, onSend, onTyping }) {
    this.ui = ui;
    this.canSend = canSend;
    this.onSend = onSend;
    this.uploading = false;
    this.preview = new ImagePreview({ box: ui.preview, canvas: ui.previewImage },
      (problem) => this.status(problem, 'error'));

    ui.image.addEventListener('change', () => {
      const file = ui.image.files[0];
      if (!file) {
        this.clearImage();
        return;
      }
      this.preview.show(file);
      this.status('', '');
    });
    ui.removeImage.addEventListener('click', () => {
      this.clearImage();
      ui.image.focus();
    });
    ui.form.addEventListener('submit', (event) => {
      event.preventDefault();
      this.submit();
    });
    ui.message.addEventListener('input', () => {
      if (ui.message.value.trim()) {
        onTyping();
      }
    });
    ui.message.addEventListener('keydown', (event) => {
      // A key the name suggestions took (Enter picks a name there) does not send.
      if (event.key === 'Enter' && !event.shiftKey && !event.isComposing && !event.defaultPrevented) {
        event.preventDefault();
        this.submit();
      }
    });
  }

  enable(enabled) {
    this.ui.message.disabled = !enabled;
    this.ui.image.disabled = !enabled;
    this.ui.send.disabled = !enabled;
  }

  status(text, tone) {
    setStatus(this.ui.status, text, tone);
  }

  /** A message the server refused for good: its words come back, unless the user typed anew. */
  giveBack(text) {
    if (!this.ui.message.value && text) {
      this.ui.message.value = text;
    }
  }

  /** Puts "@name " at the caret (a space before it when needed) and focuses the text box. */
  insertMention(name) {
    const box = this.ui.message;
    if (box.disabled) {
      return;
    }
    const at = box.selectionStart ?? box.value.length;
    const before = box.value.slice(0, at);
    const gap = before === '' || /\s$/.test(before) ? '' : ' ';
    box.setRangeText(`${gap}@${name} `, at, box.selectionEnd ?? at, 'end');
    box.focus();
  }

  clearImage() {
    this.ui.image.value = '';
    this.preview.clear();
    this.ui.progress.hidden = true;
  }

  async submit() {
    if (this.uploading || !this.canSend()) {
      return;
    }
    const ui = this.ui;
    const text = ui.message.value;
    const file = ui.image.files[0];
    const problem = textProblem(text, Boolean(file));
    if (problem) {
      this.status(problem, 'error');
      return;
    }
    this.status('', '');
    let image = null;
    if (file) {
      this.uploading = true;
      ui.send.disabled = true;
      ui.progress.hidden = false;
      ui.progress.value = 0;
      try {
        image = await upload(file, (fraction) => { ui.progress.value = Math.round(fraction * 100); });
      } catch (failure) {
        this.status(failure.message, 'error');
        return;
      } finally {
        this.uploading = false;
        ui.send.disabled = false;
        ui.progress.hidden = true;
      }
    }
    ui.message.value = '';
    this.clearImage();
    this.onSend(text, image);
    ui.message.focus();
  }
}
