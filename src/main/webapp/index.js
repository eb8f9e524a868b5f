// The name page: checks the display name as it is typed and posts it as a normal form.
import { watchName } from '/namecheck.js';
import { rememberUser } from '/storage.js';

const PENDING_NAME = 'flack_pending_name'; // sessionStorage: the name being submitted

const REASONS = {
  'name-taken': 'Somebody is already using that display name. Choose another.',
  'invalid-name': 'A display name has 1 to 32 letters, digits, spaces, “_”, “-” or “.”.',
};

const form = document.getElementById('name-form');
const input = document.getElementById('displayname');
const button = document.getElementById('login');
const status = document.getElementById('name-status');

let accepted = null; // the normalised name the server said is free

function show(text, tone) {
  status.textContent = text;
  status.dataset.tone = tone || '';
}

function onState(state) {
  accepted = state.kind === 'free' ? state.name : null;
  button.disabled = accepted === null;
  input.setAttribute('aria-invalid', String(state.kind === 'invalid' || state.kind === 'taken'));
  switch (state.kind) {
    case 'empty': show('Type a display name.', 'info'); break;
    case 'pending': show('Checking…', 'info'); break;
    case 'free': show(`“${state.name}” is free.`, 'ok'); break;
    case 'taken': show(`“${state.name}” is already in use. Choose another.`, 'error'); break;
    case 'invalid': show(state.message || REASONS['invalid-name'], 'error'); break;
    default: show(state.message, 'error');
  }
}

const check = watchName(input, '/checkdispname', onState);

form.addEventListener('submit', (event) => {
  if (accepted === null) {
    event.preventDefault();
    return;
  }
  // The chat page shows this name; the server has no "who am I" endpoint.
  rememberUser(accepted);
  try {
    sessionStorage.setItem(PENDING_NAME, input.value);
  } catch {
    // without storage the name is simply not prefilled after a refusal
  }
  button.disabled = true;
  show('Signing in…', 'info');
});

// After a refused login the server sends us back here with ?error=<code>.
const error = new URLSearchParams(location.search).get('error');
if (error) {
  let pending = null;
  try {
    pending = sessionStorage.getItem(PENDING_NAME);
    sessionStorage.removeItem(PENDING_NAME);
  } catch {
    // nothing to prefill
  }
  if (pending) {
    input.value = pending;
  }
  rememberUser(null);
  show(REASONS[error] || `That name could not be taken (${error}).`, 'error');
  input.setAttribute('aria-invalid', 'true');
  history.replaceState(null, '', '/');
} else if (input.value.trim()) {
  check.recheck(); // a name the browser filled in by itself (back button, autofill)
}
input.focus();
