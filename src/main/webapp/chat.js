// The chat page's entry: it finds the page's parts, makes the modules that own them, and
// routes the server's frames between them. The one state kept here is which channel the
// connection is in (PROTOCOL.md: a connection is in at most one channel); a direct
// conversation is such a channel, named by the server with "@". Besides it: the unread counts
// (badges, the tab's total, the read position sent as the reader sees messages), search, and
// notifications.
import { ChatSocket, socketUrl } from './socket.js';
import { Outbox } from './outbox.js';
import { OutboxView } from './outbox-view.js';
import { ChannelList } from './channel-list.js';
import { ChannelCreator } from './channel-create.js';
import { DirectList, DirectStarter } from './direct-list.js';
import { directEntries, isDirect, directOf, directWith, placeNames, DirectOpener } from './directs.js';
import { Conversation } from './conversation.js';
import { Composer } from './composer.js';
import { MessageActions } from './message-actions.js';
import { MentionSuggest } from './mention-suggest.js';
import { PeopleList } from './people-list.js';
import { TypingView } from './typing-view.js';
import { TypingThrottle } from './typing.js';
import { Presence } from './presence.js';
import { ImageViewer } from './image-viewer.js';
import { Drawer } from './drawer.js';
import { TabTitle } from './tab-title.js';
import { unreadCounts, countsOf, badgeFor, totalUnread, notifiesMessage, newMentions } from './unread.js';
import { SearchView } from './search-view.js';
import { Notifier } from './notify.js';
import { showConnection } from './connection-status.js';
import { watchLogout } from './logout.js';
import { sameName } from './names.js';
import * as storage from './storage.js';

const $ = (id) => document.getElementById(id);

const room = {
  current: null, // the joined channel's name as created
  wanted: null, // the channel a join was sent for, until its history arrives
  joined: false, // the server has confirmed membership on this connection
};
let restored = false; // the channel of the last visit has been looked for
const arrived = { channels: false, directs: false }; // the lists a new connection gets first
let directs = []; // [{channel, with}], this user's direct conversations, newest first
const opener = new DirectOpener();
let leaving = false;
let viewer = null; // {user, author} of this login, from GET /me
let counts = new Map(); // channel -> {unread, mentions, last}, from the last `unread`
const readSent = new Map(); // channel -> the newest id this page sent `read` for
let jump = null; // {channel, id}: the message a search result leads to, until its channel is open
const presence = new Presence();
const typingThrottle = new TypingThrottle();

const socket = new ChatSocket(socketUrl(), {
  onFrame: handleFrame,
  onOpen: () => {
    presence.reconnected();
    if (!viewer) {
      learnViewer();
    }
    outbox.pause(); // what was in flight on the old connection is sent again after the join
    const channel = room.wanted ?? room.current;
    if (channel) {
      joinChannel(channel);
    }
  },
  onState: (state, detail) => {
    showConnection($('connection'), state, { ...detail, reconnecting: room.current !== null });
    if (state !== 'connected') {
      room.joined = false;
      outbox.pause();
    }
  },
  onLoggedOut: () => {
    if (!leaving) {
      location.replace('/');
    }
  },
});

const title = new TabTitle(document);
const imageViewer = new ImageViewer($('viewer'), $('viewer-img'), $('viewer-original'));
const drawer = new Drawer({
  button: $('menu-button'), sidebar: $('sidebar'), overlay: $('drawer-overlay'), main: document.querySelector('main'),
  title: $('channel-title'), newChannel: $('new-channel'), slot: $('create-slot'), form: $('create-form'),
  dialog: $('create-dialog'), input: $('channel-name'), cancel: $('create-cancel'),
});
const pick = (name) => {
  drawer.picked();
  joinChannel(name);
};
const visible = () => document.visibilityState === 'visible';
const badgeOf = (channel) => badgeFor(counts, channel, { inView: sameName(channel, room.current), visible: visible() });
const channels = new ChannelList(document.querySelector('.channel-list'), $('no-channels'), pick, badgeOf);
const directList = new DirectList(document.querySelector('.direct-list'), $('no-directs'), pick, badgeOf);
const starter = new DirectStarter(
  { form: $('direct-form'), input: $('direct-name'), status: $('direct-status') }, openDirect);
const names = (channel) => placeNames(channel, directs);
const creator = new ChannelCreator(
  { form: $('create-form'), input: $('channel-name'), button: $('create-channel'), status: $('channel-status') },
  { create: (name) => socket.send({ type: 'create', channel: name }), onCreated: pick },
);
const conversation = new Conversation(
  {
    title: $('channel-title'), note: $('channel-note'), historyStatus: $('history-status'),
    chatarea: $('chatarea'), newMessages: $('new-messages'), composerInput: $('message'),
  },
  {
    askOlder: (before) => room.joined && socket.send({ type: 'older', channel: room.current, before }),
    askNewer: (after) => room.joined && socket.send({ type: 'newer', channel: room.current, after }),
    onJumpNewest: () => room.current && joinChannel(room.current),
    onImage: (message) => imageViewer.open(message),
    onReplaced: (oldNode, newNode, message) => actions.replaced(oldNode, newNode, message),
    names,
  },
);
const actions = new MessageActions(
  { chatarea: $('chatarea'), dialog: $('confirm-delete'), dialogText: $('confirm-delete-text') },
  {
    list: conversation.list,
    send: (frame) => room.joined && socket.send(frame),
    problem: (text) => composer.status(text, 'error'),
  },
);
// Made before the composer, so that its keys (Enter picks a name) come first.
const suggest = new MentionSuggest(
  { input: $('message'), list: $('mention-options'), status: $('mention-status') },
  { names: () => presence.names, viewer: () => viewer?.user ?? null },
);
const typingView = new TypingView($('typing'));
const people = new PeopleList(document.querySelector('.people-list'), openDirect, () => viewer?.user ?? null);
const composer = new Composer(
  {
    form: $('composer'), message: $('message'), image: $('image'), send: $('send'), preview: $('preview'),
    previewImage: $('preview-img'), previewName: $('preview-name'), removeImage: $('remove-image'),
    progress: $('upload-progress'), status: $('composer-status'), dropZone: document.querySelector('main'),
  },
  {
    canSend: () => room.current !== null,
    onSend: (text, image) => outbox.add(room.current, text, image),
    onTyping: typed,
  },
);
const outboxView = new OutboxView($('outbox'));
const outbox = new Outbox({
  send: (frame) => socket.send(frame),
  onChange: (box) => outboxView.render(box),
  onDrop: (item) => composer.status(
    `A message for ${names(item.channel).phrase} was not sent, because you left it.`, 'error'),
});

const search = new SearchView(
  {
    form: $('search-form'), input: $('search'), status: $('search-status'),
    results: $('search-results'), more: $('search-more'),
  },
  { send: (frame) => socket.send(frame), open: openResult, names },
);
const notifier = new Notifier({ button: $('notifications'), status: $('notify-status') }, pick);

let typingLater = 0; // the timer of a `typing` held back by the throttle

/** The user typed in the composer: say so to the channel, at most every 2 s, the last one late. */
function typed() {
  if (!room.joined) {
    return;
  }
  const wait = typingThrottle.wait(room.current, Date.now());
  if (wait === 0) {
    typingThrottle.sent(room.current, Date.now());
    socket.send({ type: 'typing', channel: room.current });
  } else if (!typingLater) {
    // A little after the window, so that the server's 2 s have passed too.
    typingLater = setTimeout(() => {
      typingLater = 0;
      if ($('message').value.trim()) {
        typed();
      }
    }, wait + 100);
  }
}

/** The reader chose a search result: open its channel with the message in view and marked. */
function openResult(channel, id) {
  drawer.picked();
  jump = { channel, id };
  if (room.joined && sameName(channel, room.current)) {
    seekJump();
  } else {
    joinChannel(channel);
  }
}

/** Brings the searched-for message into view: at once, or in the history around it once that came. */
function seekJump() {
  conversation.seek(jump.id);
  jump = null;
}

/**
 * Sends `read` for the newest message shown, when the reader sees it: the tab is visible and
 * the conversation is scrolled to the bottom. Once per message id.
 */
function markRead() {
  const id = conversation.newestId;
  if (!room.joined || !visible() || !conversation.following() || id === null) {
    return;
  }
  const sent = readSent.get(room.current);
  if (sent !== undefined && sent >= id) {
    return;
  }
  readSent.set(room.current, id);
  socket.send({ type: 'read', channel: room.current, id });
}

function showBadges() {
  channels.showBadges();
  directList.showBadges();
}

function onUnread(list) {
  const next = unreadCounts(list);
  if (!visible()) {
    for (const { channel } of newMentions(counts, next, room.current)) {
      const place = names(channel);
      notifier.notify(place.person ? `${place.person} wrote to you` : `You were mentioned in ${place.title}`,
        'Open Flack to read it.', channel);
    }
  }
  counts = next;
  showBadges();
  title.setUnread(totalUnread(counts));
}

function joinChannel(name) {
  room.wanted = name;
  const { phrase } = names(name);
  if (!socket.send({ type: 'join', channel: name })) {
    conversation.status(`The connection is down: ${phrase} opens when it is back.`);
  } else if (!sameName(name, room.current)) {
    conversation.status(`Opening ${phrase}…`);
  }
}

/** Opens the direct conversation with `name` (the server creates it the first time), then joins it. */
function openDirect(name) {
  const known = directWith(directs, name);
  if (!socket.send(opener.open(name))) {
    opener.refused();
    starter.refused(`${name} can be written to when the connection is back.`);
  } else if (!known) {
    starter.status(`Opening your conversation with ${name}…`, 'info');
  }
}

// ---- frames from the server ----

function handleFrame(frame) {
  switch (frame.type) {
    case 'channels': onChannels(frame.channels ?? []); break;
    case 'directs': onDirects(directEntries(frame.directs)); break;
    case 'history':
      if (frame.before != null) {
        conversation.showOlder(frame);
      } else if (frame.after != null) {
        conversation.showNewer(frame);
      } else {
        onHistory(frame);
      }
      break;
    case 'message': onMessage(frame.message); break;
    case 'update': conversation.showUpdate(frame.message); break;
    case 'typing':
      if (typeof frame.user === 'string' && typeof frame.channel === 'string') {
        typingView.saw(frame.channel, frame.user);
      }
      break;
    case 'presence':
      if (presence.apply(frame.users)) {
        people.show(presence.names);
        conversation.setOnline(presence.names);
        suggest.refresh();
      }
      break;
    case 'unread': onUnread(frame.channels); break;
    case 'results': search.showResults(frame); break;
    case 'error': onError(frame); break;
    default: break; // newer servers may send more types; they are not for this page
  }
}

function onChannels(list) {
  channels.show(list.map((c) => c.name));
  arrived.channels = true;
  restore();
  creator.channelsChanged(channels.names);
}

function onDirects(entries) {
  directs = entries;
  directList.show(entries);
  arrived.directs = true;
  restore();
  const asked = opener.listed(entries);
  if (asked) {
    starter.opened(directOf(entries, asked).with);
    pick(asked);
  }
  if (isDirect(room.current)) {
    conversation.relabel();
    title.open(names(room.current).title);
  }
}

/** Once both lists are known, joins the channel or conversation of the last visit, if it is still there. */
function restore() {
  if (restored || !arrived.channels || !arrived.directs) {
    return;
  }
  restored = true;
  const last = storage.lastChannel();
  const found = isDirect(last) ? directOf(directs, last)?.channel : channels.find(last);
  if (found && !room.wanted && !room.current) {
    joinChannel(found);
  } else if (last && !found) {
    storage.rememberChannel(null);
  }
}

function onHistory(frame) {
  if (!room.wanted || !sameName(frame.channel, room.wanted)) {
    return; // the answer to a join that another click has overtaken
  }
  const switching = !sameName(frame.channel, room.current);
  room.current = frame.channel;
  room.wanted = null;
  room.joined = true;
  storage.rememberChannel(frame.channel);
  // The read position the join's history carries is of this moment; the counts may be a second old.
  const before = switching && !Number.isInteger(frame.read) ? countsOf(counts, frame.channel) : undefined;
  conversation.showHistory(frame, switching);
  if (switching && Number.isInteger(frame.read)) {
    conversation.markFirstUnreadAfter(frame.read, viewer);
  } else if (before) {
    conversation.markFirstUnread(before.unread, viewer);
  }
  channels.open(frame.channel);
  directList.open(frame.channel);
  const place = names(frame.channel);
  title.open(place.title);
  composer.placeFor(place.person ?? place.title);
  typingView.show(frame.channel);
  composer.enable(true);
  outbox.resume(frame.channel);
  showBadges();
  if (jump && sameName(jump.channel, frame.channel)) {
    seekJump();
  } else {
    markRead();
  }
  conversation.loadOlderIfNeeded();
}

function onMessage(message) {
  if (!message || !sameName(message.channel, room.current)) {
    return;
  }
  typingView.stopped(message.channel, message.user);
  const own = outbox.confirm(message) !== null;
  if (own && !$('current-user').textContent) {
    $('current-user').textContent = message.user;
    storage.rememberUser(message.user);
  }
  if (own) {
    readSent.set(message.channel, Math.max(message.id, readSent.get(message.channel) ?? 0)); // the server moved it
  }
  if (conversation.showMessage(message, own)
      && notifiesMessage(message, viewer, { hidden: !visible(), direct: isDirect(message.channel) })) {
    const place = names(message.channel);
    notifier.notify(place.person ? `${message.user} wrote to you` : `${message.user} mentioned you in ${place.title}`,
      message.text ?? '', message.channel);
  }
  markRead();
}

function onError(frame) {
  const text = frame.message || `The server refused that (${frame.code}).`;
  switch (frame.ref) {
    case 'create':
      creator.refused(text);
      break;
    case 'direct': {
      const name = opener.refused();
      starter.refused(frame.code === 'no-such-user' && name
        ? `Nobody else is called ${name}. Check the name, or choose someone from Online now.`
        : text);
      break;
    }
    case 'join':
      if (room.wanted && sameName(storage.lastChannel(), room.wanted)) {
        storage.rememberChannel(null);
      }
      room.wanted = null;
      jump = null;
      conversation.status(text);
      break;
    case 'send': {
      composer.status(text, 'error');
      const refused = outbox.refuse(frame.code);
      if (refused?.outcome === 'rejoin') {
        // The server lost our membership (a rejoin is under way): keep the message and rejoin.
        room.joined = false;
        joinChannel(room.current);
      } else if (refused?.outcome === 'failed') {
        composer.giveBack(refused.item.text); // rather than lose the words
      }
      break;
    }
    case 'older':
      conversation.olderRefused(text);
      break;
    case 'newer':
      conversation.newerRefused(text);
      break;
    case 'search':
      search.refused(text);
      break;
    case 'edit':
      composer.status(text, 'error');
      actions.editRefused();
      break;
    default:
      composer.status(text, 'error');
  }
}

/** Who this login is: its name, and the author string its messages carry. */
async function learnViewer() {
  try {
    const response = await fetch('/me', { credentials: 'same-origin', cache: 'no-store' });
    if (!response.ok) {
      return; // logged out: the socket finds out and leaves the page
    }
    const me = await response.json();
    if (typeof me.user !== 'string' || typeof me.author !== 'string') {
      return;
    }
    viewer = { user: me.user, author: me.author };
    $('current-user').textContent = me.user;
    storage.rememberUser(me.user);
    conversation.setViewer(viewer);
    people.show(presence.names);
  } catch {
    // no network now: tried again when the socket opens
  }
}

// ---- start ----

watchLogout($('logout-form'), () => {
  leaving = true;
  socket.stop();
});
$('current-user').textContent = storage.userName() ?? '';
document.addEventListener('visibilitychange', () => {
  showBadges();
  markRead();
});
$('chatarea').addEventListener('scroll', markRead, { passive: true });
title.update();
socket.connect();
