// What the pages keep in the browser. localStorage survives a browser restart;
// the keys are shared by both pages, so they live in one place.

const CHANNEL = 'retrieve_channel'; // the seed's key, part of the contract
const USER = 'flack_user';

function get(key) {
  try {
    return localStorage.getItem(key);
  } catch {
    return null; // storage disabled: the page still works, it just forgets
  }
}

function set(key, value) {
  try {
    if (value == null) {
      localStorage.removeItem(key);
    } else {
      localStorage.setItem(key, value);
    }
  } catch {
    // storage full or disabled: nothing to do
  }
}

export const lastChannel = () => get(CHANNEL);
export const rememberChannel = (name) => set(CHANNEL, name);
export const userName = () => get(USER);
export const rememberUser = (name) => set(USER, name);

export function clearAll() {
  try {
    localStorage.clear();
    sessionStorage.clear();
  } catch {
    // nothing stored, nothing to clear
  }
}
