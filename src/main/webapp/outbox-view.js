// The #outbox list under the messages: what the outbox still holds, and whether it is being
// sent or waits for the connection.

export class OutboxView {
  constructor(list) {
    this.list = list;
    this.nodes = new Map(); // clientId → its <li>
  }

  /** Shows the outbox as it is now; called on each of its changes. */
  render(outbox) {
    const items = outbox.items;
    const kept = new Set(items.map((item) => item.clientId));
    for (const [clientId, node] of this.nodes) {
      if (!kept.has(clientId)) {
        node.remove();
        this.nodes.delete(clientId);
      }
    }
    const state = outbox.waiting ? 'waiting for the connection' : 'sending…';
    for (const item of items) {
      let node = this.nodes.get(item.clientId);
      if (!node) {
        node = this.item(item);
        this.nodes.set(item.clientId, node);
        this.list.append(node);
      }
      node.querySelector('.outbox-state').textContent = state;
    }
    this.list.hidden = items.length === 0;
  }

  item(item) {
    const node = document.createElement('li');
    node.className = 'outbox-item';
    const text = document.createElement('span');
    text.className = 'outbox-text';
    text.textContent = item.text || '(image)';
    const note = document.createElement('span');
    note.className = 'outbox-state';
    node.append(text, note);
    return node;
  }
}
