// How the message list is laid out around the messages: which messages continue the one
// before (one header for a run of one author within 5 minutes on one day), where a day
// begins, and that day's label ("Today", "Yesterday", then the date). Pure: dates in, words out.

export const GROUP_GAP_MS = 5 * 60 * 1000;

function time(message) {
  const when = Date.parse(message?.timestamp);
  return Number.isNaN(when) ? null : when;
}

/** The local calendar day of `date` as a comparable string (YYYY-M-D in local time). */
export function dayKey(date) {
  return `${date.getFullYear()}-${date.getMonth() + 1}-${date.getDate()}`;
}

/** Whether `message` goes under the header of `previous` (the message just before it). */
export function continues(previous, message) {
  if (!previous || typeof message.author !== 'string' || message.author !== previous.author) {
    return false;
  }
  const before = time(previous);
  const now = time(message);
  if (before === null || now === null) {
    return false;
  }
  return now >= before && now - before <= GROUP_GAP_MS && dayKey(new Date(before)) === dayKey(new Date(now));
}

/** Whether a day separator goes before `message` (the first message, or the first of a new day). */
export function startsDay(previous, message) {
  const now = time(message);
  if (now === null) {
    return false;
  }
  const before = time(previous);
  return before === null || dayKey(new Date(before)) !== dayKey(new Date(now));
}

/**
 * The separator's words for the day of `date` seen on `today`: "Today", "Yesterday", else the
 * date in the viewer's locale (the year only when it is not this year's).
 */
export function dayLabel(date, today = new Date(), locale = undefined) {
  const key = dayKey(date);
  if (key === dayKey(today)) {
    return 'Today';
  }
  const yesterday = new Date(today.getFullYear(), today.getMonth(), today.getDate() - 1);
  if (key === dayKey(yesterday)) {
    return 'Yesterday';
  }
  const options = { weekday: 'long', day: 'numeric', month: 'long' };
  if (date.getFullYear() !== today.getFullYear()) {
    options.year = 'numeric';
  }
  return new Intl.DateTimeFormat(locale, options).format(date);
}

/** The time of day in the viewer's locale (its own 12- or 24-hour clock). */
export function clockTime(date, locale = undefined) {
  return new Intl.DateTimeFormat(locale, { timeStyle: 'short' }).format(date);
}
