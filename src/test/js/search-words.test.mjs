import { test } from 'node:test';
import assert from 'node:assert/strict';
import { highlightParts, queryWords } from '../../main/webapp/search-words.js';

const marked = (parts) => parts.filter((p) => p.match).map((p) => p.text);

test('query words are runs of letters, marks and digits, in lower case', () => {
  assert.deepEqual(queryWords('  Deploy, the v2!  '), ['deploy', 'the', 'v2']);
  assert.deepEqual(queryWords('…'), []);
});

test('every whole word of the query is marked, the last one also as a prefix', () => {
  const text = 'We deploy the DEPLOYMENT today; deployed?';
  const parts = highlightParts(text, 'deploy');
  assert.deepEqual(marked(parts), ['deploy', 'DEPLOYMENT', 'deployed']);
  assert.equal(parts.map((p) => p.text).join(''), text);
  assert.deepEqual(marked(highlightParts(text, 'deploy to')), ['deploy', 'today']);
  assert.deepEqual(marked(highlightParts(text, 'deploy the')), ['deploy', 'the']);
});

test('words inside others are not marked, except as the beginning of one for the last word', () => {
  assert.deepEqual(marked(highlightParts('redeploy deploys', 'deploy x')), []);
  assert.deepEqual(marked(highlightParts('Ärger ärgern', 'ärg')), ['Ärger', 'ärgern']);
});

test('markup in the text stays text', () => {
  const parts = highlightParts('<b>bold</b> move', 'bold');
  assert.deepEqual(parts, [{ text: '<b>', match: false }, { text: 'bold', match: true }, { text: '</b> move', match: false }]);
});

test('an empty query marks nothing', () => {
  assert.deepEqual(highlightParts('anything', ''), [{ text: 'anything', match: false }]);
});
