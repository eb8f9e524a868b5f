// Reactions (PROTOCOL.md, `react`): what the .reactions row shows for a message, and the
// frame that toggles the viewer's reaction. Pure.
import { sameName } from './names.js';

/** The picker's emoji and the words a screen reader says for them. */
export const PICKER = [
  { emoji: '👍', label: 'thumbs up' },
  { emoji: '❤️', label: 'red heart' },
  { emoji: '😂', label: 'face with tears of joy' },
  { emoji: '🎉', label: 'party popper' },
  { emoji: '👀', label: 'eyes' },
  { emoji: '✅', label: 'check mark' },
];

/** "Ann", "Ann and Bob", "Ann, Bob and Cy". */
export function listNames(names) {
  if (names.length <= 1) {
    return names.join('');
  }
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

/**
 * One entry per emoji of the message, in the server's order: {emoji, count, mine, title, label}.
 * `title` says who reacted (the viewer as "you"); `label` is that for a screen reader, with
 * what pressing the button does.
 */
export function reactionView(reactions, viewer) {
  return (reactions ?? [])
    .filter((r) => Array.isArray(r.users) && r.users.length > 0)
    .map(({ emoji, users }) => {
      const mine = viewer != null && users.some((u) => sameName(u, viewer));
      const who = listNames(users.map((u) => (viewer != null && sameName(u, viewer) ? 'you' : u)));
      const count = users.length;
      return {
        emoji,
        count,
        mine,
        title: `${who} reacted with ${emoji}`,
        label: `${emoji} ${count}: ${who}. ${mine ? 'Press to take yours back' : 'Press to add yours'}`,
      };
    });
}

/** The `react` frame that turns the viewer's `emoji` on `message` on when it is off, and off when on. */
export function toggleFrame(message, emoji, viewer) {
  const entry = (message.reactions ?? []).find((r) => r.emoji === emoji);
  const mine = Boolean(entry && viewer != null && entry.users.some((u) => sameName(u, viewer)));
  return { type: 'react', channel: message.channel, id: message.id, emoji, on: !mine };
}
