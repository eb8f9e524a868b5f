package chat.flack.domain;

import chat.flack.domain.ChatStore.StoredChannel;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The channels: by name (and look-alike), in creation order, each with the newest page of its
 * messages. Thread-safety: lookups are lock-free; {@link #add} is called under the caller's
 * creation lock; a channel's page is changed and read only on the chat's sequencer.
 */
final class Channels {

    private final NameClaims<Channel> byName = new NameClaims<>();
    private final CopyOnWriteArrayList<Channel> order = new CopyOnWriteArrayList<>();
    private final int pageSize;

    Channels(int pageSize) {
        this.pageSize = pageSize;
    }

    /** A channel and the newest page of its messages, oldest first. */
    static final class Channel {
        final StoredChannel stored;
        private final int pageSize;
        private final ArrayDeque<Message> page;

        private Channel(StoredChannel stored, int pageSize) {
            this.stored = stored;
            this.pageSize = pageSize;
            this.page = new ArrayDeque<>(Math.min(pageSize, 16));
        }

        /** Adds a new message to the page, dropping the oldest past the page size. On the sequencer. */
        void append(Message m) {
            page.addLast(m);
            if (page.size() > pageSize) {
                page.removeFirst();
            }
        }

        /** A copy of the page. On the sequencer. */
        List<Message> newest() {
            return List.copyOf(page);
        }
    }

    /** Puts back a channel that was stored before, with the newest page of its messages. */
    void restore(StoredChannel stored, List<Message> page) {
        Channel c = new Channel(stored, pageSize);
        page.forEach(c::append);
        byName.restore(stored.name(), stored.key(), c);
        order.add(c);
    }

    /** Adds a channel just stored; its name was checked free under the caller's creation lock. */
    void add(Name name, StoredChannel stored) {
        Channel c = new Channel(stored, pageSize);
        byName.claim(name, c);
        order.add(c);
    }

    /** The channel a raw name (as a client wrote it) names, compared as names are. */
    Optional<Channel> find(String rawName) {
        return rawName == null ? Optional.empty() : byName.get(Names.key(rawName));
    }

    boolean isTaken(Name name) {
        return byName.isTaken(name);
    }

    int size() {
        return order.size();
    }

    /** The channel names in creation order. */
    List<String> names() {
        List<String> names = new ArrayList<>(order.size());
        order.forEach(c -> names.add(c.stored.name()));
        return names;
    }
}
