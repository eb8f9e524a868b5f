// Links in a message's text: each http:// or https:// address becomes a part of its own, so
// that the page can make it a link (built as an element with textContent, never as HTML).
// Pure: it returns parts. Any other scheme (javascript:, data:, ftp:) stays plain text.

// An address runs to the next space or character that cannot be in one unquoted.
const ADDRESS = /\bhttps?:\/\/[^\s<>"'`]+/giu;
// Punctuation that ends a sentence rather than the address ("see https://x.org.").
const TRAILING = /[.,;:!?)\]}»”’]+$/u;

function trimmed(candidate) {
  let address = candidate.replace(TRAILING, '');
  // Keep closing parentheses that close one inside the address (Wikipedia's "Foo_(bar)").
  let rest = candidate.slice(address.length);
  while (rest.startsWith(')') && count(address, '(') > count(address, ')')) {
    address += ')';
    rest = rest.slice(1);
  }
  return address;
}

function count(text, char) {
  return text.split(char).length - 1;
}

/** The address as a link target, or null when it is no http(s) URL with a host. */
export function linkTarget(address) {
  try {
    const url = new URL(address);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname ? url.href : null;
  } catch {
    return null;
  }
}

/**
 * The text cut into parts: {text} for plain runs and {text, href} for each http(s) address.
 * The parts joined give back the text.
 */
export function linkParts(text) {
  const parts = [];
  let plain = '';
  let last = 0;
  for (const match of text.matchAll(ADDRESS)) {
    const address = trimmed(match[0]);
    const href = linkTarget(address);
    if (!href) {
      continue;
    }
    plain += text.slice(last, match.index);
    if (plain) {
      parts.push({ text: plain });
      plain = '';
    }
    parts.push({ text: address, href });
    last = match.index + address.length;
  }
  plain += text.slice(last);
  if (plain) {
    parts.push({ text: plain });
  }
  return parts;
}
