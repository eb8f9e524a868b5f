// A debounced live check of a name against the server (/checkdispname, /checkchannel).
// Only the answer to the latest input counts: earlier answers that arrive late are dropped.

const DELAY_MS = 250;

/**
 * Watches `input` and reports every state change to `onState(state)`, where state is
 * {kind: 'empty'|'pending'|'free'|'taken'|'invalid'|'error', name, message}.
 */
export function watchName(input, url, onState) {
  let timer = 0;
  let latest = 0;

  async function check(seq, raw) {
    let state;
    try {
      const response = await fetch(`${url}?name=${encodeURIComponent(raw)}`, {
        headers: { Accept: 'application/json' },
        credentials: 'same-origin',
      });
      const body = await response.json().catch(() => ({}));
      if (response.ok) {
        state = body.available
          ? { kind: 'free', name: body.name }
          : { kind: 'taken', name: body.name };
      } else if (response.status === 400) {
        state = { kind: 'invalid', message: body.message };
      } else {
        state = { kind: 'error', code: body.error, message: body.message || `The check failed (${response.status}).` };
      }
    } catch {
      state = { kind: 'error', message: 'The name cannot be checked: no connection to the server.' };
    }
    if (seq === latest) {
      onState(state);
    }
  }

  function recheck() {
    clearTimeout(timer);
    const seq = ++latest;
    const raw = input.value;
    if (raw.trim() === '') {
      onState({ kind: 'empty' });
      return;
    }
    onState({ kind: 'pending' });
    timer = setTimeout(() => check(seq, raw), DELAY_MS);
  }

  input.addEventListener('input', recheck);
  return { recheck };
}
