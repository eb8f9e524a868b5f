// A status line under a form: a sentence, and its tone ('ok', 'error', 'info' or '') for the stylesheet.

export function setStatus(node, text, tone) {
  node.textContent = text;
  node.dataset.tone = tone;
}
