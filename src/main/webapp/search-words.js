// Search's word rule (PROTOCOL.md, "Search"): words are runs of letters, marks and digits,
// compared in NFC lower case; the query's last word may be the beginning of one. Used to
// mark the matching words of a result. Pure: it returns parts, the page builds the elements.

const WORD = /[\p{L}\p{M}\p{N}]+/gu;

const fold = (word) => word.normalize('NFC').toLowerCase();

/** The query's words, folded. */
export function queryWords(query) {
  return (query ?? '').match(WORD)?.map(fold) ?? [];
}

/**
 * `text` cut into parts {text, match}: `match` on each word that is a word of the query, or
 * begins with its last word. The parts joined give back the text.
 */
export function highlightParts(text, query) {
  const words = queryWords(query);
  const whole = new Set(words.slice(0, -1));
  const prefix = words.at(-1);
  const parts = [];
  let at = 0;
  const push = (part, match) => {
    const last = parts.at(-1);
    if (last && last.match === match) {
      last.text += part;
    } else if (part) {
      parts.push({ text: part, match });
    }
  };
  for (const found of (text ?? '').matchAll(WORD)) {
    const word = fold(found[0]);
    const match = whole.has(word) || (prefix !== undefined && word.startsWith(prefix));
    push(text.slice(at, found.index), false);
    if (match) {
      parts.push({ text: found[0], match: true }); // each word its own mark
    } else {
      push(found[0], false);
    }
    at = found.index + found[0].length;
  }
  push((text ?? '').slice(at), false);
  return parts;
}
