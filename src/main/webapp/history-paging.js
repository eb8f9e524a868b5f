// What a `history` frame says about the history around it. The server sends at most one
// page of messages per frame and names the page size in `limit`; older servers did not,
// and their page was 100.

export const DEFAULT_PAGE_SIZE = 100;

/** The server's page size: the frame's `limit` when it is a positive integer, else 100. */
export function pageSize(frame) {
  return Number.isInteger(frame.limit) && frame.limit > 0 ? frame.limit : DEFAULT_PAGE_SIZE;
}

/** Whether nothing older exists: a page shorter than the page size is the channel's first. */
export function reachedBeginning(frame) {
  return (frame.messages ?? []).length < pageSize(frame);
}

/**
 * Whether a rejoin's history may leave a silent gap after the newest message shown: a full
 * page that begins after it means more was said meanwhile than one page holds.
 */
export function leavesGap(frame, newestShownId) {
  const messages = frame.messages ?? [];
  return newestShownId !== null && messages.length >= pageSize(frame) && messages[0].id > newestShownId;
}
