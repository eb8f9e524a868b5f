package chat.flack.domain;

import chat.flack.domain.ChatStore.StoredChannel;
import chat.flack.domain.ChatStore.UnreadCount;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.ToLongFunction;

/**
 * The unread counts of the logins with a socket on this node (PROTOCOL.md, "Unread"), kept
 * incrementally: read from the store once when a login's first socket here opens, then moved by
 * each message delivered here (one step per login that reads that channel: no history is
 * scanned per message). What the store counted up to a channel's position is never counted
 * again; a count whose channel was delivered past that position meanwhile is read again. A
 * change the increments cannot follow (a read position moved back into the unread ones, a
 * deletion or an edit of an unread message, another node's read) reads that channel's counts
 * again. Counts are shown at each {@link #tick}, at most once a second per login.
 * Thread-safety: everything runs on the chat's sequencer.
 */
final class Unread {

    /** Reads counts from the store off the sequencer and hands them back on it. */
    interface Loader {
        void load(LoginUser user, Long channelId, Consumer<List<UnreadCount>> then);
    }

    /** Stores a login's first read position in a channel (off the sequencer). */
    interface Starter {
        void started(LoginUser user, StoredChannel channel, long at);
    }

    private final Loader loader;
    private final Starter starter;
    private final ToLongFunction<StoredChannel> delivered;
    private final Consumer<UnreadCounts> show;
    private final Map<String, Reader> readers = new HashMap<>();
    /** By channel, the count of each login reading it here: a delivery steps through them without a lookup. */
    private final Map<Long, Map<String, Count>> byChannel = new HashMap<>();
    /** The readers whose counts changed since the last tick, each once ({@link Reader#dirty}). */
    private final List<Reader> dirty = new ArrayList<>();

    private static final class Reader {
        final LoginUser user;
        int sockets;
        boolean loaded;
        /** Whether it waits in the list of readers to show at the next tick. */
        boolean dirty;
        final Map<Long, Count> counts = new HashMap<>();
        /**
         * By channel, how many times its count was set here or asked of the store: a count read
         * from the store is taken only if nothing newer happened to that channel since it was asked.
         */
        final Map<Long, Integer> generations = new HashMap<>();
        /** Channels joined while the counts were being read: started once they are known. */
        final List<StoredChannel> joinedMeanwhile = new ArrayList<>();

        Reader(LoginUser user) {
            this.user = user;
        }
    }

    private static final class Count {
        final Reader reader;
        final StoredChannel channel;
        final boolean direct;
        long readPosition;
        int unread;
        int mentions;
        /** Messages up to here are counted; a later delivery of one of them is not counted again. */
        long countedUpTo;

        Count(Reader reader, StoredChannel channel, boolean direct, long readPosition, int unread, int mentions,
              long countedUpTo) {
            this.reader = reader;
            this.channel = channel;
            this.direct = direct;
            this.readPosition = readPosition;
            this.unread = unread;
            this.mentions = mentions;
            this.countedUpTo = countedUpTo;
        }
    }

    /**
     * @param delivered the id of the newest message of a channel shown on this node
     */
    Unread(Loader loader, Starter starter, ToLongFunction<StoredChannel> delivered, Consumer<UnreadCounts> show) {
        this.loader = loader;
        this.starter = starter;
        this.delivered = delivered;
        this.show = show;
    }

    /** A socket of {@code user} opened here; its counts are shown once known. */
    void opened(LoginUser user) {
        Reader r = readers.computeIfAbsent(user.loginId(), k -> new Reader(user));
        if (++r.sockets == 1) {
            load(r, null);
        } else if (r.loaded) {
            markDirty(r);
        }
    }

    /** A socket of {@code user} closed here; with the last one its counts are forgotten here. */
    void closed(LoginUser user) {
        Reader r = readers.get(user.loginId());
        if (r != null && --r.sockets <= 0) {
            readers.remove(user.loginId());
            r.counts.keySet().forEach(channel -> forget(channel, user.loginId()));
        }
    }

    /**
     * {@code user} joined a channel: the first time, its read position starts at the channel's
     * newest message, and is stored. While the user's counts are still being read, that waits
     * for them (the store may know a position from before).
     */
    void joined(LoginUser user, StoredChannel channel) {
        Reader r = readers.get(user.loginId());
        if (r == null || r.counts.containsKey(channel.id())) {
            return;
        }
        if (!r.loaded) {
            r.joinedMeanwhile.add(channel);
            return;
        }
        start(r, channel);
    }

    /**
     * {@code user}'s read position in {@code channel} as counted here (a count being read again
     * from the store may be a moment behind), or null when it is not known: the counts are not
     * read yet, or the channel was never joined.
     */
    Long readPosition(LoginUser user, StoredChannel channel) {
        Reader r = readers.get(user.loginId());
        Count k = r == null || !r.loaded ? null : r.counts.get(channel.id());
        return k == null ? null : k.readPosition;
    }

    private void start(Reader r, StoredChannel channel) {
        long at = delivered.applyAsLong(channel);
        put(r, new Count(r, channel, false, at, 0, 0, at));
        r.generations.merge(channel.id(), 1, Integer::sum);
        starter.started(r.user, channel, at);
    }

    /**
     * {@code user} has read {@code channel} up to {@code id} (already stored): read past the
     * newest message counted, nothing is unread; otherwise the channel is counted again.
     */
    void read(LoginUser user, StoredChannel channel, long id) {
        Reader r = readers.get(user.loginId());
        if (r == null) {
            return;
        }
        Count k = r.counts.get(channel.id());
        if (k != null && id >= k.countedUpTo && id >= k.readPosition) {
            k.readPosition = id;
            k.unread = 0;
            k.mentions = 0;
            r.generations.merge(channel.id(), 1, Integer::sum);
            markDirty(r);
        } else {
            load(r, channel.id());
        }
    }

    /** Another node moved {@code user}'s read position in {@code channel}: counted again from the store. */
    void readElsewhere(LoginUser user, StoredChannel channel) {
        Reader r = readers.get(user.loginId());
        if (r != null) {
            load(r, channel.id());
        }
    }

    /** A message was delivered here, in its channel's order: one step for each login reading that channel. */
    void delivered(StoredChannel channel, Message m) {
        Map<String, Count> readersOf = byChannel.get(channel.id());
        if (readersOf == null) {
            return;
        }
        for (Count k : readersOf.values()) {
            if (m.id() <= k.countedUpTo) {
                continue;
            }
            k.countedUpTo = m.id();
            if (m.writtenBy(k.reader.user.loginId())) {
                k.readPosition = m.id();
                k.unread = 0;
                k.mentions = 0;
            } else if (!m.deleted() && m.id() > k.readPosition) {
                k.unread++;
                if (k.direct || m.mentions().contains(k.reader.user.name())) {
                    k.mentions++;
                }
            }
            markDirty(k.reader);
        }
    }

    /** A message changed: where it was counted as unread, its channel is counted again. */
    void changed(StoredChannel channel, Message m) {
        Map<String, Count> readersOf = byChannel.get(channel.id());
        if (readersOf == null) {
            return;
        }
        for (Count k : List.copyOf(readersOf.values())) {
            if (m.id() > k.readPosition && m.id() <= k.countedUpTo && !m.writtenBy(k.reader.user.loginId())) {
                load(k.reader, channel.id());
            }
        }
    }

    /** A direct conversation was opened: its members here read it from before its first message. */
    void opened(Direct direct) {
        for (Direct.Member m : List.of(direct.first(), direct.second())) {
            Reader r = readers.get(m.loginId());
            if (r != null && !r.counts.containsKey(direct.channel().id())) {
                put(r, new Count(r, direct.channel(), true, 0, 0, 0, delivered.applyAsLong(direct.channel())));
                load(r, direct.channel().id());
            }
        }
    }

    /** Reads every login's counts again (after the relay was away, other nodes' reads may have been lost). */
    void reloadAll() {
        readers.values().forEach(r -> load(r, null));
    }

    /** Shows the counts of every login whose counts changed since the last tick. */
    void tick() {
        List<Reader> due = List.copyOf(dirty);
        dirty.clear();
        for (Reader r : due) {
            r.dirty = false;
            if (readers.get(r.user.loginId()) == r) {
                show.accept(counts(r));
            }
        }
    }

    private void load(Reader r, Long channelId) {
        if (channelId != null) {
            r.generations.merge(channelId, 1, Integer::sum);
        }
        Map<Long, Integer> asked = Map.copyOf(r.generations);
        loader.load(r.user, channelId, counts -> installed(r, channelId, asked, counts));
    }

    private void installed(Reader r, Long channelId, Map<Long, Integer> asked, List<UnreadCount> counts) {
        if (readers.get(r.user.loginId()) != r) {
            return;
        }
        Set<Long> stale = new HashSet<>();
        for (UnreadCount c : counts) {
            long id = c.channel().id();
            if (!r.generations.getOrDefault(id, 0).equals(asked.getOrDefault(id, 0))) {
                continue;
            }
            if (delivered.applyAsLong(c.channel()) > c.countedUpTo()) {
                stale.add(c.channel().id());
            } else {
                put(r, new Count(r, c.channel(), c.direct(), c.readPosition(), c.unread(), c.mentions(), c.countedUpTo()));
            }
        }
        boolean first = !r.loaded;
        r.loaded = true;
        stale.forEach(id -> load(r, id));
        if (first) {
            r.joinedMeanwhile.stream().filter(c -> !r.counts.containsKey(c.id()) && !stale.contains(c.id()))
                    .forEach(c -> start(r, c));
            r.joinedMeanwhile.clear();
        }
        if (first && channelId == null) {
            show.accept(counts(r));
        } else {
            markDirty(r);
        }
    }

    private void markDirty(Reader r) {
        if (!r.dirty) {
            r.dirty = true;
            dirty.add(r);
        }
    }

    private void put(Reader r, Count k) {
        r.counts.put(k.channel.id(), k);
        byChannel.computeIfAbsent(k.channel.id(), id -> new HashMap<>()).put(r.user.loginId(), k);
    }

    private void forget(long channel, String login) {
        Map<String, Count> readersOf = byChannel.get(channel);
        if (readersOf != null && readersOf.remove(login) != null && readersOf.isEmpty()) {
            byChannel.remove(channel);
        }
    }

    private UnreadCounts counts(Reader r) {
        List<UnreadCounts.Entry> entries = new ArrayList<>();
        for (Count k : r.counts.values()) {
            if (k.unread > 0) {
                entries.add(new UnreadCounts.Entry(k.channel.name(), k.unread, k.mentions,
                        Math.max(k.countedUpTo, delivered.applyAsLong(k.channel))));
            }
        }
        entries.sort((x, y) -> Long.compare(y.last(), x.last()));
        return new UnreadCounts(r.user.loginId(), entries);
    }
}
