package chat.flack.domain;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What makes a resend harmless, in memory: the messages taken with a client id, by their key
 * (channel, sender, client id) — those being stored now, and those stored recently (bounded in
 * bytes). Most resends are answered here; older ones by the store. Thread-safe.
 */
final class Resends {

    private final ConcurrentHashMap<String, CompletableFuture<Message>> inFlight = new ConcurrentHashMap<>();
    private final RecentMessages recent;

    Resends(long maxBytes) {
        recent = new RecentMessages(maxBytes);
    }

    static String key(long channelId, String userKey, String clientId) {
        return channelId + "\u0000" + userKey + "\u0000" + clientId;
    }

    /** The message taken under {@code key} before, if memory knows it: stored, or being stored. */
    Optional<CompletableFuture<Message>> known(String key) {
        Message stored = recent.get(key);
        return stored != null ? Optional.of(CompletableFuture.completedFuture(stored))
                : Optional.ofNullable(inFlight.get(key));
    }

    /**
     * Marks {@code key} as being stored, {@code pending} completing when it is; answers the
     * future of the send that got there first, when another one raced this one.
     */
    Optional<CompletableFuture<Message>> begin(String key, CompletableFuture<Message> pending) {
        return Optional.ofNullable(inFlight.putIfAbsent(key, pending));
    }

    /** The message of {@code key} is stored. */
    void stored(String key, Message message) {
        recent.put(key, message);
        inFlight.remove(key);
    }

    /** The send that began {@code key} with {@code pending} failed: a resend may try again. */
    void failed(String key, CompletableFuture<Message> pending) {
        inFlight.remove(key, pending);
    }
}
