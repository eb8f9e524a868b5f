// The chat page: channels, the joined channel's messages, the composer, and the connection.
import { ChatSocket, socketUrl } from '/socket.js';
import { MessageList } from '/render.js';
import { watchName } from '/namecheck.js';
import * as storage from '/storage.js';
import { upload } from '/upload.js';

const $ = (id) => document.getElementById(id);
const ui = {
  connection: $('connection'),
  user: $('current-user'),
  logoutForm: $('logout-form'),
  channelList: document.querySelector('.channel-list'),
  noChannels: $('no-channels'),
  createForm: $('create-form'),
  channelName: $('channel-name'),
  createButton: $('create-channel'),
  channelStatus: $('channel-status'),
  title: $('channel-title'),
  note: $('channel-note'),
  historyStatus: $('history-status'),
  chatarea: $('chatarea'),
  newMessages: $('new-messages'),
  outbox: $('outbox'),
  composer: $('composer'),
  message: $('message'),
  image: $('image'),
  send: $('send'),
  preview: $('preview'),
  previewImg: $('preview-img'),
  removeImage: $('remove-image'),
  progress: $('upload-progress'),
  composerStatus: $('composer-status'),
  viewer: $('viewer'),
  viewerImg: $('viewer-img'),
};

const MAX_TEXT = 4000;
const RETRYABLE = new Set(['rate-limited', 'unavailable']);
const SEND_TIMEOUT_MS = 15_000;
const NEAR_BOTTOM_PX = 48;
const reducedMotion = window.matchMedia('(prefers-reduced-motion: reduce)');

/** Names compare as the server compares them: NFC, lower-cased. */
const key = (name) => (name ?? '').normalize('NFC').toLowerCase();

const state = {
  channels: [],
  current: null, // the joined channel's name as created
  wanted: null, // the channel a join was sent for, until its history arrives
  joined: false, // the server has confirmed membership on this connection
  olderPending: false,
  exhausted: false,
  unread: 0,
  pendingCreate: null,
  firstChannels: true,
  outbox: [], // {clientId, channel, text, image, node}
  inFlight: null,
  inFlightTimer: 0,
  leaving: false,
};

const list = new MessageList(ui.chatarea, openViewer);

const socket = new ChatSocket(socketUrl(), {
  onFrame: handleFrame,
  onOpen: () => {
    state.inFlight = null;
    const channel = state.wanted ?? state.current;
    if (channel) {
      joinChannel(channel);
    }
  },
  onState: showConnection,
  onLoggedOut: () => {
    if (!state.leaving) {
      location.replace('/');
    }
  },
});

// ---- connection status ----

function showConnection(connection, detail) {
  ui.connection.dataset.state = connection;
  if (connection === 'connected') {
    ui.connection.textContent = 'Connected';
  } else if (connection === 'connecting') {
    ui.connection.textContent = state.current ? 'Reconnecting…' : 'Connecting…';
  } else {
    const seconds = Math.max(1, Math.round((detail?.retryInMs ?? 0) / 1000));
    ui.connection.textContent = `Connection lost — retrying in ${seconds} s`;
  }
  if (connection !== 'connected') {
    state.joined = false;
  }
  renderOutbox();
}

// ---- frames from the server ----

function handleFrame(frame) {
  switch (frame.type) {
    case 'channels': onChannels(frame.channels ?? []); break;
    case 'history': onHistory(frame); break;
    case 'message': onMessage(frame.message); break;
    case 'error': onError(frame); break;
    default: break; // newer servers may send more types; they are not for this page
  }
}

function onChannels(channels) {
  state.channels = channels.map((c) => c.name);
  renderChannels();
  if (state.firstChannels) {
    state.firstChannels = false;
    const last = storage.lastChannel();
    const found = last && state.channels.find((name) => key(name) === key(last));
    if (found && !state.wanted && !state.current) {
      joinChannel(found);
    } else if (last && !found) {
      storage.rememberChannel(null);
    }
  }
  if (state.pendingCreate) {
    const created = state.channels.find((name) => key(name) === key(state.pendingCreate));
    if (created) {
      state.pendingCreate = null;
      setStatus(ui.channelStatus, `Created #${created}.`, 'ok');
      joinChannel(created);
    }
  }
  if (ui.channelName.value.trim()) {
    channelCheck.recheck();
  }
}

function onHistory(frame) {
  if (frame.before != null) {
    onOlder(frame);
    return;
  }
  if (!state.wanted || key(frame.channel) !== key(state.wanted)) {
    return; // the answer to a join that another click has overtaken
  }
  const switching = key(frame.channel) !== key(state.current);
  const messages = frame.messages ?? [];
  if (switching) {
    list.clear();
    state.exhausted = false;
    state.unread = 0;
    ui.newMessages.hidden = true;
  } else if (list.newestId !== null && messages.length >= 100 && messages[0].id > list.newestId) {
    // Back after a long absence: more was said than one history holds, so start afresh
    // rather than show a silent gap.
    list.clear();
    state.exhausted = false;
  }
  state.current = frame.channel;
  state.wanted = null;
  state.joined = true;
  state.olderPending = false;
  storage.rememberChannel(frame.channel);
  const wasNearBottom = nearBottom();
  list.merge(messages);
  if (switching) {
    ui.historyStatus.textContent = messages.length === 0 ? `This is the beginning of #${frame.channel}.` : '';
    state.exhausted = messages.length === 0;
  }
  showChannel();
  if (switching || wasNearBottom) {
    scrollToBottom(false);
  }
  enableComposer(true);
  flushOutbox();
  maybeLoadOlder();
}

function onOlder(frame) {
  if (key(frame.channel) !== key(state.current)) {
    return;
  }
  state.olderPending = false;
  const messages = frame.messages ?? [];
  if (messages.length === 0) {
    state.exhausted = true;
    ui.historyStatus.textContent = `This is the beginning of #${state.current}.`;
    return;
  }
  ui.historyStatus.textContent = '';
  const area = ui.chatarea;
  const fromBottom = area.scrollHeight - area.scrollTop;
  list.merge(messages);
  area.scrollTop = area.scrollHeight - fromBottom; // keep what the reader looks at in place
  maybeLoadOlder();
}

function onMessage(message) {
  if (!message || key(message.channel) !== key(state.current)) {
    return;
  }
  const own = state.outbox.find((item) => item.clientId && item.clientId === message.clientId);
  if (own) {
    removeFromOutbox(own);
    if (!ui.user.textContent) {
      ui.user.textContent = message.user;
      storage.rememberUser(message.user);
    }
  }
  const wasNearBottom = nearBottom();
  if (list.merge([message]) === 0) {
    return; // a resend answered with the stored message: nothing new
  }
  if (own || wasNearBottom) {
    scrollToBottom(true);
  } else {
    ui.newMessages.hidden = false;
  }
  if (!own && document.visibilityState === 'hidden') {
    state.unread++;
    updateTitle();
  }
}

function onError(frame) {
  const text = frame.message || `The server refused that (${frame.code}).`;
  switch (frame.ref) {
    case 'create':
      state.pendingCreate = null;
      setStatus(ui.channelStatus, text, 'error');
      break;
    case 'join':
      if (state.wanted && storage.lastChannel() && key(storage.lastChannel()) === key(state.wanted)) {
        storage.rememberChannel(null);
      }
      state.wanted = null;
      ui.historyStatus.textContent = text;
      break;
    case 'send':
      onSendRefused(frame.code, text);
      break;
    case 'older':
      state.olderPending = false;
      ui.historyStatus.textContent = text;
      break;
    default:
      setStatus(ui.composerStatus, text, 'error');
  }
}

// ---- channels ----

function channelItem(name) {
  const li = document.createElement('li');
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'channel';
  button.textContent = name;
  button.addEventListener('click', () => joinChannel(name));
  li.append(button);
  return li;
}

function renderChannels() {
  const shown = [...ui.channelList.querySelectorAll('button')].map((b) => b.textContent);
  const keepsOrder = shown.every((name, i) => state.channels[i] === name);
  if (keepsOrder) {
    // Channels are only ever added, at the end: leave the existing buttons (and focus) alone.
    ui.channelList.append(...state.channels.slice(shown.length).map(channelItem));
  } else {
    const focused = document.activeElement?.closest?.('.channel-list button')?.textContent;
    ui.channelList.replaceChildren(...state.channels.map(channelItem));
    if (focused) {
      [...ui.channelList.querySelectorAll('button')].find((b) => b.textContent === focused)?.focus();
    }
  }
  ui.noChannels.hidden = state.channels.length > 0;
  markActive();
}

function markActive() {
  for (const button of ui.channelList.querySelectorAll('button')) {
    const active = state.current !== null && key(button.textContent) === key(state.current);
    button.classList.toggle('active', active);
    if (active) {
      button.setAttribute('aria-current', 'true');
    } else {
      button.removeAttribute('aria-current');
    }
  }
}

function joinChannel(name) {
  state.wanted = name;
  if (!socket.send({ type: 'join', channel: name })) {
    ui.historyStatus.textContent = `#${name} opens when the connection is back.`;
  } else if (key(name) !== key(state.current)) {
    ui.historyStatus.textContent = `Opening #${name}…`;
  }
}

function showChannel() {
  ui.title.textContent = `#${state.current}`;
  ui.note.hidden = true;
  markActive();
  // On a phone the list scrolls sideways: keep the open channel in sight.
  // (after layout, so that a page still settling does not undo it)
  requestAnimationFrame(() => {
    ui.channelList.querySelector('button.active')?.scrollIntoView({ block: 'nearest', inline: 'nearest' });
  });
  updateTitle();
}

function updateTitle() {
  const unread = document.visibilityState === 'hidden' && state.unread > 0 ? `(${state.unread}) ` : '';
  const channel = state.current ? `#${state.current} — ` : '';
  document.title = `${unread}${channel}Flack`;
}

document.addEventListener('visibilitychange', () => {
  if (document.visibilityState === 'visible') {
    state.unread = 0;
  }
  updateTitle();
});

let createAccepted = null;
const channelCheck = watchName(ui.channelName, '/checkchannel', (check) => {
  createAccepted = check.kind === 'free' ? check.name : null;
  ui.createButton.disabled = createAccepted === null;
  ui.channelName.setAttribute('aria-invalid', String(check.kind === 'invalid' || check.kind === 'taken'));
  switch (check.kind) {
    case 'empty': setStatus(ui.channelStatus, '', ''); break;
    case 'pending': setStatus(ui.channelStatus, 'Checking…', 'info'); break;
    case 'free': setStatus(ui.channelStatus, `#${check.name} is free.`, 'ok'); break;
    case 'taken': setStatus(ui.channelStatus, `#${check.name} exists already.`, 'error'); break;
    default:
      if (check.code === 'not-logged-in') {
        location.replace('/');
      }
      setStatus(ui.channelStatus, check.message, 'error');
  }
});

ui.createForm.addEventListener('submit', (event) => {
  event.preventDefault();
  if (createAccepted === null) {
    return;
  }
  if (!socket.send({ type: 'create', channel: createAccepted })) {
    setStatus(ui.channelStatus, 'Not connected; create the channel when the connection is back.', 'error');
    return;
  }
  state.pendingCreate = createAccepted;
  createAccepted = null;
  ui.createButton.disabled = true;
  ui.channelName.value = '';
  setStatus(ui.channelStatus, 'Creating…', 'info');
});

// ---- scrolling and older messages ----

function nearBottom() {
  const area = ui.chatarea;
  return area.scrollHeight - area.scrollTop - area.clientHeight < NEAR_BOTTOM_PX;
}

function scrollToBottom(smooth) {
  ui.chatarea.scrollTo({ top: ui.chatarea.scrollHeight, behavior: smooth && !reducedMotion.matches ? 'smooth' : 'auto' });
  ui.newMessages.hidden = true;
}

function maybeLoadOlder() {
  if (state.olderPending || state.exhausted || !state.joined || list.oldestId === null) {
    return;
  }
  if (ui.chatarea.scrollTop > NEAR_BOTTOM_PX) {
    return;
  }
  if (socket.send({ type: 'older', channel: state.current, before: list.oldestId })) {
    state.olderPending = true;
    ui.historyStatus.textContent = 'Loading older messages…';
  }
}

ui.chatarea.addEventListener('scroll', () => {
  if (nearBottom()) {
    ui.newMessages.hidden = true;
  }
  maybeLoadOlder();
}, { passive: true });

ui.newMessages.addEventListener('click', () => {
  scrollToBottom(true);
  ui.message.focus();
});

// ---- sending: an outbox that survives lost connections ----

function newClientId() {
  const bytes = new Uint8Array(12);
  crypto.getRandomValues(bytes); // works without a secure context, unlike randomUUID
  return `c-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}

function enqueue(text, image) {
  const item = { clientId: newClientId(), channel: state.current, text, image, node: null };
  state.outbox.push(item);
  renderOutbox();
  flushOutbox();
}

function flushOutbox() {
  if (state.inFlight || !state.joined || !socket.open) {
    renderOutbox();
    return;
  }
  while (state.outbox.length && key(state.outbox[0].channel) !== key(state.current)) {
    const dropped = state.outbox.shift();
    setStatus(ui.composerStatus, `A message for #${dropped.channel} was not sent, because you left that channel.`, 'error');
  }
  const head = state.outbox[0];
  if (head) {
    const frame = { type: 'send', channel: head.channel, text: head.text, clientId: head.clientId };
    if (head.image) {
      frame.image = head.image;
    }
    if (socket.send(frame)) {
      state.inFlight = head;
      clearTimeout(state.inFlightTimer);
      // No answer in time: send again. The server knows the clientId, so nothing doubles.
      state.inFlightTimer = setTimeout(() => {
        if (state.inFlight === head) {
          state.inFlight = null;
          flushOutbox();
        }
      }, SEND_TIMEOUT_MS);
    }
  }
  renderOutbox();
}

function removeFromOutbox(item) {
  state.outbox = state.outbox.filter((other) => other !== item);
  if (state.inFlight === item) {
    state.inFlight = null;
    clearTimeout(state.inFlightTimer);
  }
  item.node?.remove();
  flushOutbox();
}

function onSendRefused(code, text) {
  const head = state.inFlight;
  setStatus(ui.composerStatus, text, 'error');
  if (!head) {
    return;
  }
  state.inFlight = null;
  clearTimeout(state.inFlightTimer);
  if (RETRYABLE.has(code)) {
    setTimeout(flushOutbox, 2000);
    return;
  }
  if (code === 'not-in-channel') {
    // The server lost our membership (a rejoin is under way): keep the message and rejoin.
    state.joined = false;
    joinChannel(state.current);
    return;
  }
  state.outbox = state.outbox.filter((other) => other !== head);
  head.node?.remove();
  if (!ui.message.value && head.text) {
    ui.message.value = head.text; // give the words back rather than lose them
  }
  flushOutbox();
}

function renderOutbox() {
  const waiting = !socket.open || !state.joined;
  for (const item of state.outbox) {
    if (!item.node) {
      item.node = document.createElement('li');
      item.node.className = 'outbox-item';
      const text = document.createElement('span');
      text.className = 'outbox-text';
      text.textContent = item.text || '(image)';
      const note = document.createElement('span');
      note.className = 'outbox-state';
      item.node.append(text, note);
      ui.outbox.append(item.node);
    }
    item.node.querySelector('.outbox-state').textContent =
      waiting ? 'waiting for the connection' : 'sending…';
  }
  ui.outbox.hidden = state.outbox.length === 0;
}

// ---- the composer ----

function enableComposer(enabled) {
  ui.message.disabled = !enabled;
  ui.image.disabled = !enabled;
  ui.send.disabled = !enabled;
}

function setStatus(node, text, tone) {
  node.textContent = text;
  node.dataset.tone = tone;
}

let previewUrl = null;

function clearImage() {
  ui.image.value = '';
  if (previewUrl) {
    URL.revokeObjectURL(previewUrl);
    previewUrl = null;
  }
  ui.previewImg.removeAttribute('src');
  ui.preview.hidden = true;
  ui.progress.hidden = true;
}

ui.image.addEventListener('change', () => {
  const file = ui.image.files[0];
  if (!file) {
    clearImage();
    return;
  }
  if (previewUrl) {
    URL.revokeObjectURL(previewUrl);
  }
  previewUrl = URL.createObjectURL(file);
  ui.previewImg.src = previewUrl;
  ui.preview.hidden = false;
  setStatus(ui.composerStatus, '', '');
});

ui.previewImg.addEventListener('error', () => {
  if (ui.previewImg.getAttribute('src')) {
    setStatus(ui.composerStatus, 'This file does not look like an image; the server will probably refuse it.', 'error');
  }
});

ui.removeImage.addEventListener('click', () => {
  clearImage();
  ui.image.focus();
});

let uploading = false;

async function submitComposer() {
  if (uploading || !state.current) {
    return;
  }
  const text = ui.message.value;
  const file = ui.image.files[0];
  if (!text.trim() && !file) {
    setStatus(ui.composerStatus, 'Write something or choose an image first.', 'error');
    return;
  }
  if (text.length > MAX_TEXT) {
    setStatus(ui.composerStatus, `A message has at most ${MAX_TEXT} characters; this one has ${text.length}.`, 'error');
    return;
  }
  setStatus(ui.composerStatus, '', '');
  let image = null;
  if (file) {
    uploading = true;
    ui.send.disabled = true;
    ui.progress.hidden = false;
    ui.progress.value = 0;
    try {
      image = await upload(file, (fraction) => { ui.progress.value = Math.round(fraction * 100); });
    } catch (failure) {
      setStatus(ui.composerStatus, failure.message, 'error');
      return;
    } finally {
      uploading = false;
      ui.send.disabled = false;
      ui.progress.hidden = true;
    }
  }
  ui.message.value = '';
  clearImage();
  enqueue(text, image);
  ui.message.focus();
}

ui.composer.addEventListener('submit', (event) => {
  event.preventDefault();
  submitComposer();
});

ui.message.addEventListener('keydown', (event) => {
  if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
    event.preventDefault();
    submitComposer();
  }
});

// ---- the image viewer ----

function openViewer(message) {
  ui.viewerImg.src = message.image;
  ui.viewerImg.alt = `Image from ${message.user}`;
  ui.viewer.showModal();
}

ui.viewer.addEventListener('click', (event) => {
  if (event.target === ui.viewer) {
    ui.viewer.close(); // a click on the backdrop
  }
});

// ---- logout ----

ui.logoutForm.addEventListener('submit', async (event) => {
  event.preventDefault();
  state.leaving = true;
  socket.stop();
  try {
    await fetch('/logout', { method: 'POST', credentials: 'same-origin', redirect: 'manual' });
  } catch {
    storage.clearAll();
    ui.logoutForm.submit(); // let the browser try the plain form post
    return;
  }
  storage.clearAll();
  location.replace('/');
});

// ---- start ----

ui.user.textContent = storage.userName() ?? '';
updateTitle();
socket.connect();
