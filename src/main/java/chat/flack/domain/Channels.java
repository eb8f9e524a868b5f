package chat.flack.domain;

import chat.flack.domain.ChatStore.StoredChannel;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The channels: by name (and look-alike), in creation order. Thread-safety: lookups are
 * lock-free; {@link #add} is called under the caller's creation lock.
 */
final class Channels {

    private final NameClaims<StoredChannel> byName = new NameClaims<>();
    private final CopyOnWriteArrayList<StoredChannel> order = new CopyOnWriteArrayList<>();

    /** Puts back a channel that was stored before. */
    void restore(StoredChannel stored) {
        byName.restore(stored.name(), stored.key(), stored);
        order.add(stored);
    }

    /** Adds a channel just stored; its name was checked free under the caller's creation lock. */
    void add(Name name, StoredChannel stored) {
        byName.claim(name, stored);
        order.add(stored);
    }

    /** The channel a raw name (as a client wrote it) names, compared as names are. */
    Optional<StoredChannel> find(String rawName) {
        return rawName == null ? Optional.empty() : byName.get(Names.key(rawName));
    }

    boolean isTaken(Name name) {
        return byName.isTaken(name);
    }

    int size() {
        return order.size();
    }

    /** The channels in creation order. */
    List<StoredChannel> all() {
        return List.copyOf(order);
    }

    /** The channel names in creation order. */
    List<String> names() {
        List<String> names = new ArrayList<>(order.size());
        order.forEach(c -> names.add(c.name()));
        return names;
    }
}
