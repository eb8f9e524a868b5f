// The phone layout (at most 600 px wide): the sidebar is a drawer that the menu button opens
// over the conversation, and "New channel" is a dialog. Escape, a tap on the overlay or
// choosing a channel or a direct conversation closes the drawer; the focus goes into it when
// it opens and back to the menu button when it closes. Wider, the sidebar is always there with
// the form in it.

export const PHONE = '(max-width: 600px)';

export class Drawer {
  /**
   * ui: {button, sidebar, overlay, main, title, newChannel, slot, form, dialog, input, cancel}:
   * main is made inert while the drawer is open; title takes the focus after a choice.
   */
  constructor(ui) {
    this.ui = ui;
    this.phone = window.matchMedia(PHONE);
    ui.button.addEventListener('click', () => (this.isOpen ? this.close(true) : this.open()));
    ui.overlay.addEventListener('click', () => this.close(true));
    document.addEventListener('keydown', (event) => {
      if (event.key === 'Escape' && this.isOpen && !ui.dialog.open) {
        event.preventDefault();
        this.close(true);
      }
    });
    ui.newChannel.addEventListener('click', () => {
      ui.dialog.showModal();
      ui.input.focus();
    });
    ui.cancel.addEventListener('click', () => ui.dialog.close());
    ui.dialog.addEventListener('click', (event) => {
      if (event.target === ui.dialog) {
        ui.dialog.close(); // a tap beside the dialog
      }
    });
    ui.dialog.addEventListener('close', () => {
      if (this.isOpen) {
        ui.newChannel.focus();
      }
    });
    this.phone.addEventListener('change', () => this.fit());
    this.fit();
  }

  get isOpen() {
    return this.ui.sidebar.classList.contains('open');
  }

  /** Puts the new-channel form where the width wants it: the sidebar, or the dialog on a phone. */
  fit() {
    const { dialog, form, slot } = this.ui;
    if (this.phone.matches) {
      dialog.append(form);
    } else {
      if (dialog.open) {
        dialog.close();
      }
      slot.append(form);
      this.close(false);
    }
  }

  open() {
    if (!this.phone.matches) {
      return;
    }
    const { sidebar, overlay, button, main } = this.ui;
    sidebar.classList.add('open');
    overlay.hidden = false;
    button.setAttribute('aria-expanded', 'true');
    main.inert = true;
    const target = sidebar.querySelector('.channel-list button.active, .direct-list button.active')
      ?? sidebar.querySelector('.channel-list button') ?? this.ui.newChannel;
    target.focus();
  }

  /** Closes the drawer; `refocus` gives the focus back to the menu button. */
  close(refocus) {
    const { sidebar, overlay, button, main } = this.ui;
    if (!this.isOpen) {
      return;
    }
    sidebar.classList.remove('open');
    overlay.hidden = true;
    button.setAttribute('aria-expanded', 'false');
    main.inert = false;
    if (refocus) {
      button.focus();
    }
  }

  /** A channel or conversation was chosen or created: on a phone the drawer and the dialog make way for it. */
  picked() {
    if (this.ui.dialog.open) {
      this.ui.dialog.close();
    }
    if (this.isOpen) {
      this.close(false);
      this.ui.title.focus(); // the focus was in the drawer, which is gone
    }
  }
}
