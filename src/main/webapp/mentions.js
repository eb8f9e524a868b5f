// Mentions in a message's text (PROTOCOL.md, "The message object gains"): the server lists
// the names a text mentions; this finds each `@Name` of them in the text, case-insensitively,
// so that the page can mark them. Pure: it returns parts, the page builds the elements.
import { sameName } from './names.js';

// What may not follow a mentioned name: the server's rule (letter, mark, digit, `_`, `-`).
const NAME_CHAR = /^[\p{L}\p{M}\p{Nd}_-]$/u;

function endsThere(text, end) {
  if (end >= text.length) {
    return true;
  }
  return !NAME_CHAR.test(String.fromCodePoint(text.codePointAt(end)));
}

/**
 * The text cut into parts: {text} for plain runs and {text, mention, me} for each `@Name` of
 * a name in `mentions` (the longest name wins where several fit); `me` when the name is the
 * viewer's. The parts joined give back the text.
 */
export function mentionParts(text, mentions, viewer) {
  const names = [...new Set(mentions ?? [])].sort((a, b) => b.length - a.length);
  const parts = [];
  let plain = '';
  let i = 0;
  while (i < text.length) {
    if (text[i] === '@' && names.length > 0) {
      const name = names.find((n) => sameName(text.slice(i + 1, i + 1 + n.length), n)
        && endsThere(text, i + 1 + n.length));
      if (name) {
        if (plain) {
          parts.push({ text: plain });
          plain = '';
        }
        parts.push({ text: text.slice(i, i + 1 + name.length), mention: name, me: sameName(name, viewer) });
        i += 1 + name.length;
        continue;
      }
    }
    plain += text[i];
    i++;
  }
  if (plain) {
    parts.push({ text: plain });
  }
  return parts;
}

/**
 * The `@` word being typed at `caret`: {start, query} where `start` is the index of the `@`
 * (at the start or after a space or punctuation) and `query` what follows it up to the caret,
 * or null when the caret is not in one. Names may hold spaces, so the query may too, up to
 * the 32 code points of the longest name; a line break ends it.
 */
export function mentionQuery(value, caret) {
  const before = value.slice(0, caret);
  const at = before.lastIndexOf('@');
  if (at < 0) {
    return null;
  }
  if (at > 0 && NAME_CHAR.test(String.fromCodePoint(before.codePointAt(at - 1) ?? 32))) {
    return null; // an e-mail address, not a mention
  }
  const query = before.slice(at + 1);
  if (query.includes('\n') || query.startsWith(' ') || [...query].length > 32) {
    return null;
  }
  return { start: at, query };
}

/** The names (not the viewer's) that begin with `query` in the server's comparison, at most `max`. */
export function mentionChoices(names, query, viewer, max = 8) {
  const key = query.normalize('NFC').toLowerCase();
  return names
    .filter((name) => !sameName(name, viewer) && name.normalize('NFC').toLowerCase().startsWith(key))
    .slice(0, max);
}

/** `value` with the `@query` from `start` to `caret` replaced by `@Name `, and where the caret goes. */
export function insertMention(value, start, caret, name) {
  const inserted = `@${name} `;
  const rest = value.slice(caret).replace(/^ /, '');
  return { value: value.slice(0, start) + inserted + rest, caret: start + inserted.length };
}
