// The preview of the image chosen in the composer. It is drawn on a canvas from the file
// itself: an <img> would need a blob: or data: URL, which the pages' Content-Security-Policy
// (img-src 'self') does not allow.

const MAX_SIDE = 512; // pixels kept; the stylesheet shows the preview far smaller

export class ImagePreview {
  /** onProblem(text): the file cannot be shown as an image. */
  constructor({ box, canvas }, onProblem) {
    this.box = box;
    this.canvas = canvas;
    this.onProblem = onProblem;
    this.shown = 0; // counts the files chosen: a slow decode of an earlier one is dropped
  }

  async show(file) {
    const turn = ++this.shown;
    this.blank();
    this.box.hidden = false;
    let bitmap;
    try {
      bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
    } catch {
      if (turn === this.shown) {
        this.onProblem('This file does not look like an image; the server will probably refuse it.');
      }
      return;
    }
    if (turn !== this.shown) {
      bitmap.close();
      return;
    }
    const scale = Math.min(1, MAX_SIDE / bitmap.width, MAX_SIDE / bitmap.height);
    this.canvas.width = Math.max(1, Math.round(bitmap.width * scale));
    this.canvas.height = Math.max(1, Math.round(bitmap.height * scale));
    this.canvas.getContext('2d').drawImage(bitmap, 0, 0, this.canvas.width, this.canvas.height);
    bitmap.close();
    this.canvas.hidden = false;
  }

  clear() {
    this.shown++;
    this.blank();
    this.box.hidden = true;
  }

  blank() {
    this.canvas.hidden = true; // no empty frame while the file decodes, nor when it is no image
    this.canvas.width = 0;
    this.canvas.height = 0;
  }
}
