// The rules a message's text must meet before it is sent, as the server applies them
// (PROTOCOL.md, `send`): the server counts code points, so an emoji such as 😀 is one
// character, not the two UTF-16 units that String.length counts.

export const MAX_TEXT = 4000;

/** The number of Unicode code points in `text`; an unpaired surrogate counts as one, as in Java. */
export function codePointLength(text) {
  let count = 0;
  for (const _ of text) { // a string iterates by code point
    count++;
  }
  return count;
}

/** Why the composer cannot send `text` (with or without an image), or null when it can. */
export function textProblem(text, hasImage, max = MAX_TEXT) {
  if (!text.trim() && !hasImage) {
    return 'Write something or choose an image first.';
  }
  const length = codePointLength(text);
  if (length > max) {
    return `A message has at most ${max} characters; this one has ${length}.`;
  }
  return null;
}
