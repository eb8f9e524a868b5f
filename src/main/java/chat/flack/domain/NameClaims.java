package chat.flack.domain;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The names in use (of users, or of channels) and what holds each: a name is taken when its
 * key, or one of its confusable skeletons, is claimed already. Reads are lock-free; claims and
 * releases hold this object's lock, so a name and its look-alikes are claimed at once or not at all.
 */
final class NameClaims<T> {

    private final Map<String, T> byKey = new ConcurrentHashMap<>();
    /** Skeleton → the key that claimed it. */
    private final Map<String, String> bySkeleton = new HashMap<>();
    /** Key → the skeletons it claimed: a release frees them without a scan of every name. */
    private final Map<String, List<String>> skeletonsOf = new HashMap<>();

    /** The holder of the name with this key, if any. */
    Optional<T> get(String key) {
        return Optional.ofNullable(byKey.get(key));
    }

    /** Whether {@code name} is taken: its key, or a name it looks like. */
    synchronized boolean isTaken(Name name) {
        return byKey.containsKey(name.key()) || name.skeletons().stream().anyMatch(bySkeleton::containsKey);
    }

    /** Claims {@code name} for {@code holder}; false (and nothing claimed) when it is taken. */
    synchronized boolean claim(Name name, T holder) {
        if (isTaken(name)) {
            return false;
        }
        put(name.key(), name.skeletons(), holder);
        return true;
    }

    /**
     * Puts back a name that was stored before: it is valid because it was accepted once, and
     * it blocks its look-alikes, even when an older name claimed their skeleton first.
     */
    synchronized void restore(String display, String key, T holder) {
        put(key, Names.skeletons(display), holder);
    }

    /** Releases the name with this key, if {@code holder} still holds it. */
    synchronized boolean release(String key, T holder) {
        if (!byKey.remove(key, holder)) {
            return false;
        }
        for (String skeleton : skeletonsOf.remove(key)) {
            bySkeleton.remove(skeleton, key);
        }
        return true;
    }

    int size() {
        return byKey.size();
    }

    Collection<T> holders() {
        return byKey.values();
    }

    private void put(String key, Iterable<String> skeletons, T holder) {
        byKey.put(key, holder);
        List<String> claimed = skeletonsOf.computeIfAbsent(key, k -> new ArrayList<>());
        for (String s : skeletons) {
            if (bySkeleton.putIfAbsent(s, key) == null) {
                claimed.add(s);
            }
        }
    }
}
