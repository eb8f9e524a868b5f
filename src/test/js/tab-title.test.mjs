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

test('messages that arrive while the tab is hidden are counted until it is shown again', () => {
  const doc = fakeDocument();
  const title = new TabTitle(doc);
  title.open('#general', true);
  title.arrived();
  assert.equal(doc.title, '#general — Flack');
  doc.show('hidden');
  title.arrived();
  title.arrived();
  assert.equal(doc.title, '(2) #general — Flack');
  doc.show('visible');
  assert.equal(doc.title, '#general — Flack');
});

test('opening another channel forgets the count of the previous one', () => {
  const doc = fakeDocument();
  const title = new TabTitle(doc);
  title.open('#general', true);
  doc.show('hidden');
  title.arrived();
  title.open('#random', true);
  assert.equal(doc.title, '#random — Flack');
});

test('a direct conversation is titled by the other person', () => {
  assert.equal(pageTitle('Dana', 1), '(1) Dana — Flack');
});
