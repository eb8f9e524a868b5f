package chat.flack.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The direct conversations this node knows: by channel name key, by the pair of logins, and
 * each login's, newest first. Thread-safety: concurrent maps; {@link #add} and its callers'
 * check-then-add run under the chat's channel lock.
 */
final class Directs {

    private final Map<String, Direct> byKey = new ConcurrentHashMap<>();
    private final Map<String, Direct> byPair = new ConcurrentHashMap<>();
    private final Map<String, List<Direct>> byLogin = new ConcurrentHashMap<>();

    /** Adds a direct conversation unless known; true when it was new. */
    boolean add(Direct d) {
        if (byKey.putIfAbsent(d.channel().key(), d) != null) {
            return false;
        }
        byPair.put(d.pair(), d);
        for (Direct.Member m : List.of(d.first(), d.second())) {
            byLogin.computeIfAbsent(m.loginId(), k -> new CopyOnWriteArrayList<>()).add(0, d);
        }
        return true;
    }

    /** The direct conversation of that name, for a login that is one of its two; empty for anyone else. */
    Optional<Direct> find(String rawName, String loginId) {
        return find(rawName).filter(d -> d.has(loginId));
    }

    /** The direct conversation of that name, whoever asks: for the chat's own use, never for a client. */
    Optional<Direct> find(String rawName) {
        return rawName == null ? Optional.empty() : Optional.ofNullable(byKey.get(Names.key(rawName)));
    }

    Optional<Direct> between(String loginA, String loginB) {
        return Optional.ofNullable(byPair.get(Direct.pair(loginA, loginB)));
    }

    boolean knows(String channelKey) {
        return byKey.containsKey(channelKey);
    }

    /** A login's direct conversations, newest first. */
    List<Direct> of(String loginId) {
        return new ArrayList<>(byLogin.getOrDefault(loginId, List.of()));
    }
}
