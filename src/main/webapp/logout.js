// The #logout control: POST /logout, forget what the browser kept, back to the name page.
import { clearAll } from './storage.js';

/** beforeLeave(): called first, so that the closing socket is not taken for a lost connection. */
export function watchLogout(form, beforeLeave) {
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    beforeLeave();
    try {
      await fetch('/logout', { method: 'POST', credentials: 'same-origin', redirect: 'manual' });
    } catch {
      clearAll();
      form.submit(); // let the browser try the plain form post
      return;
    }
    clearAll();
    location.replace('/');
  });
}
