// The full-size view of a message's image, in the #viewer dialog: it fills the screen, closes
// with Escape (the dialog's own), the Close button or a click beside the image, and links to
// the original file. Closing gives the focus back to what opened it (the dialog's own too).

export class ImageViewer {
  constructor(dialog, img, original) {
    this.dialog = dialog;
    this.img = img;
    this.original = original;
    dialog.addEventListener('click', (event) => {
      if (event.target === dialog || event.target.classList.contains('viewer-stage')) {
        dialog.close(); // a click beside the image
      }
    });
  }

  /** Shows the image of `message`, whose URL render.js has already allowed. */
  open(message) {
    this.img.src = message.image;
    this.img.alt = `Image from ${message.user}`;
    this.original.href = message.image;
    this.dialog.showModal();
  }
}
