// The #connection element: what the socket's state means to the person reading the page.

/** The sentence for a socket state ('connected' | 'connecting' | 'offline'). */
export function connectionText(state, { reconnecting = false, retryInMs = 0 } = {}) {
  if (state === 'connected') {
    return 'Connected';
  }
  if (state === 'connecting') {
    return reconnecting ? 'Reconnecting…' : 'Connecting…';
  }
  const seconds = Math.max(1, Math.round(retryInMs / 1000));
  return `Connection lost — retrying in ${seconds} s`;
}

/** Shows the state in `node`: its text, and data-state for automation (PROTOCOL.md, page hooks). */
export function showConnection(node, state, detail) {
  node.dataset.state = state;
  node.textContent = connectionText(state, detail);
}
