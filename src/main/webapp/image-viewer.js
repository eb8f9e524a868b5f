// The full-size view of a message's image, in the #viewer dialog.

export class ImageViewer {
  constructor(dialog, img) {
    this.dialog = dialog;
    this.img = img;
    dialog.addEventListener('click', (event) => {
      if (event.target === dialog) {
        dialog.close(); // a click on the backdrop
      }
    });
  }

  /** Shows the image of `message`, whose URL render.js has already allowed. */
  open(message) {
    this.img.src = message.image;
    this.img.alt = `Image from ${message.user}`;
    this.dialog.showModal();
  }
}
