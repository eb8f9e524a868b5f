import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pageTitle, TabTitle } from '../../main/webapp/tab-title.js';

test('without a channel the title is the name of the app', () => {
  assert.equal(pageTitle(null, 0), 'Flack');
});

test('the open place leads the title', () => {
  assert.equal(pageTitle('#general', 0), '#general — Flack');
});

test('missed messages are counted in front', () => {
  assert.equal(pageTitle('#general', 2), '(2) #general — Flack');
});

/** Just enough of a document for TabTitle: a title, a visibility state and its event. */
function fakeDocument() {
  const listeners = [];
  return {
    title: '',
    visibilityState: 'visible',
    addEventListener: (type, listener) => listeners.push(listener),
    show(state) {
      this.visibilityState = state;
      listeners.forEach((listener) => listener());
    },
  };
}

test('the server’s total shows while the tab is hidden, and not while it is visible', () => {
  const doc = fakeDocument();
  const title = new TabTitle(doc);
  title.open('#general');
  title.setUnread(2);
  assert.equal(doc.title, '#general — Flack');
  doc.show('hidden');
  assert.equal(doc.title, '(2) #general — Flack');
  title.setUnread(5);
  assert.equal(doc.title, '(5) #general — Flack');
  doc.show('visible');
  assert.equal(doc.title, '#general — Flack');
});

test('a total of zero leaves the count out, and another place keeps the total', () => {
  const doc = fakeDocument();
  const title = new TabTitle(doc);
  title.open('#general');
  doc.show('hidden');
  title.setUnread(3);
  title.open('#random');
  assert.equal(doc.title, '(3) #random — Flack');
  title.setUnread(0);
  assert.equal(doc.title, '#random — Flack');
});

test('a direct conversation is titled by the other person', () => {
  assert.equal(pageTitle('Dana', 1), '(1) Dana — Flack');
});
