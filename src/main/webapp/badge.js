// The unread badge of a channel or direct entry (PROTOCOL.md, page hooks): a `.badge` in the
// entry, its text and `data-unread` the count, class `mention` when some mention the user;
// the entry's button is described by a sentence that says the same to a screen reader.

let made = 0;

/** Shows `badge` ({count, mention}, or null for none) in the list item `item` beside `button`. */
export function showBadge(item, button, badge) {
  let shown = item.querySelector(':scope > .badge');
  let told = item.querySelector(':scope > .badge-text');
  if (!badge) {
    shown?.remove();
    told?.remove();
    button.removeAttribute('aria-describedby');
    return;
  }
  if (!shown) {
    shown = document.createElement('span');
    shown.className = 'badge';
    shown.setAttribute('aria-hidden', 'true');
    told = document.createElement('span');
    told.className = 'badge-text visually-hidden';
    told.id = `badge-${++made}`;
    item.append(shown, told);
    button.setAttribute('aria-describedby', told.id);
  }
  shown.textContent = String(badge.count);
  shown.dataset.unread = String(badge.count);
  shown.classList.toggle('mention', badge.mention);
  const unread = badge.count === 1 ? '1 unread message' : `${badge.count} unread messages`;
  told.textContent = badge.mention ? `${unread}, mentioning you` : unread;
}
