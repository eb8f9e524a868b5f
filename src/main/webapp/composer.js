// The composer: the text, an optional image (chosen with the attach button, pasted into the
// text box or dropped on the conversation; previewed, removable, then uploaded with progress),
// and sending with Enter or the button. What passes the checks goes to onSend(text, imageUrl).
// The chosen image always lives in the #image file input, whichever way it came.
import { textProblem } from './message-text.js';
import { upload } from './upload.js';
import { setStatus } from './status.js';
import { ImagePreview } from './image-preview.js';

/** The first image file among what was pasted or dropped, or null. */
function imageFile(transfer) {
  return [...(transfer?.files ?? [])].find((file) => file.type.startsWith('image/')) ?? null;
}

export class Composer {
  /**
   * ui: {form, message, image, send, preview, previewImage, previewName, removeImage, progress,
   * status, dropZone}.
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
      ui.previewName.textContent = file.name;
      this.status('', '');
    });
    ui.message.addEventListener('paste', (event) => {
      const file = imageFile(event.clipboardData);
      if (file) {
        event.preventDefault(); // the image, not its file name as text
        this.takeImage(file);
      }
    });
    ui.dropZone.addEventListener('dragover', (event) => {
      if (!ui.image.disabled && [...event.dataTransfer.types].includes('Files')) {
        event.preventDefault();
        event.dataTransfer.dropEffect = 'copy';
        ui.dropZone.classList.add('dropping');
      }
    });
    ui.dropZone.addEventListener('dragleave', (event) => {
      if (!ui.dropZone.contains(event.relatedTarget)) {
        ui.dropZone.classList.remove('dropping');
      }
    });
    ui.dropZone.addEventListener('drop', (event) => {
      ui.dropZone.classList.remove('dropping');
      if (ui.image.disabled || ![...event.dataTransfer.types].includes('Files')) {
        return; // dragged text goes where the browser puts it
      }
      event.preventDefault();
      const file = imageFile(event.dataTransfer);
      if (file) {
        this.takeImage(file);
        ui.message.focus();
      } else {
        this.status('Only an image can be attached (PNG, JPEG, GIF or WebP).', 'error');
      }
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

  /** The text box names where the message goes: "#general", or the person of a direct conversation. */
  placeFor(place) {
    this.ui.message.placeholder = `Message ${place} — Enter sends, Shift+Enter starts a new line, @ mentions`;
  }

  /** Makes `file` (pasted or dropped) the chosen image, as if it had been picked in #image. */
  takeImage(file) {
    if (this.ui.image.disabled || this.uploading) {
      return;
    }
    const chosen = new DataTransfer();
    chosen.items.add(file);
    this.ui.image.files = chosen.files;
    this.ui.image.dispatchEvent(new Event('change'));
  }

  clearImage() {
    this.ui.image.value = '';
    this.ui.previewName.textContent = '';
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
