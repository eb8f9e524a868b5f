import { test } from 'node:test';
import assert from 'node:assert/strict';
import { linkParts, linkTarget } from '../../main/webapp/links.js';

test('a text without addresses is one plain part', () => {
  assert.deepEqual(linkParts('no links here, www.example.org either'), [{ text: 'no links here, www.example.org either' }]);
});

test('http and https addresses are parts of their own; the parts give back the text', () => {
  const text = 'see https://example.org/a?b=1#c and http://x.test/ too';
  const parts = linkParts(text);
  assert.deepEqual(parts, [
    { text: 'see ' },
    { text: 'https://example.org/a?b=1#c', href: 'https://example.org/a?b=1#c' },
    { text: ' and ' },
    { text: 'http://x.test/', href: 'http://x.test/' },
    { text: ' too' },
  ]);
  assert.equal(parts.map((p) => p.text).join(''), text);
});

test('punctuation that ends the sentence is not part of the address; balanced parentheses are', () => {
  assert.deepEqual(linkParts('go to https://example.org.'), [
    { text: 'go to ' }, { text: 'https://example.org', href: 'https://example.org/' }, { text: '.' },
  ]);
  assert.deepEqual(linkParts('(see https://en.wikipedia.org/wiki/Foo_(bar)).'), [
    { text: '(see ' },
    { text: 'https://en.wikipedia.org/wiki/Foo_(bar)', href: 'https://en.wikipedia.org/wiki/Foo_(bar)' },
    { text: ').' },
  ]);
});

test('other schemes, markup and quotes never become links', () => {
  for (const text of ['javascript:alert(1)', 'data:text/html,<b>x</b>', 'ftp://example.org/file', 'JavaScript://%0aalert(1)']) {
    assert.deepEqual(linkParts(text), [{ text }], text);
  }
  const parts = linkParts('<a href="https://evil.test/">x</a>');
  assert.deepEqual(parts.filter((p) => p.href).map((p) => p.href), ['https://evil.test/']);
  assert.equal(parts.map((p) => p.text).join(''), '<a href="https://evil.test/">x</a>');
});

test('an address needs a host; upper-case schemes are links too', () => {
  assert.equal(linkTarget('https://'), null);
  assert.deepEqual(linkParts('HTTPS://Example.org/X'), [{ text: 'HTTPS://Example.org/X', href: 'https://example.org/X' }]);
});
