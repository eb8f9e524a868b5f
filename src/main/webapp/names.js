// Names compare as the server compares them (PROTOCOL.md, "Names"): NFC, then lower case.
// String.prototype.toLowerCase ignores the locale, like Java's Locale.ROOT.

/** The comparison key of a channel or display name; null and undefined give "". */
export const nameKey = (name) => (name ?? '').normalize('NFC').toLowerCase();

/** Whether two names are the same name to the server (`Alice` and `alice` are). */
export const sameName = (a, b) => nameKey(a) === nameKey(b);
