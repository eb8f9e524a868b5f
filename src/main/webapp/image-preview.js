// The preview of the image chosen in the composer.

export class ImagePreview {
  /** onProblem(text): the file cannot be shown as an image. */
  constructor({ box, img }, onProblem) {
    this.box = box;
    this.img = img;
    this.url = null;
    img.addEventListener('error', () => {
      if (img.getAttribute('src')) {
        onProblem('This file does not look like an image; the server will probably refuse it.');
      }
    });
  }

  show(file) {
    this.revoke();
    this.url = URL.createObjectURL(file);
    this.img.src = this.url;
    this.box.hidden = false;
  }

  clear() {
    this.revoke();
    this.img.removeAttribute('src');
    this.box.hidden = true;
  }

  revoke() {
    if (this.url) {
      URL.revokeObjectURL(this.url);
      this.url = null;
    }
  }
}
