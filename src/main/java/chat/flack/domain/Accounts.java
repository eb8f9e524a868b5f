package chat.flack.domain;

import chat.flack.domain.ChatStore.StoredLogin;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * The logins: taking a name (in memory, then in the store, which decides between nodes),
 * ending one, finding one again for a session id, recording use. The logins of this node are
 * in {@link Logins}; those made through other nodes arrive as {@link LoginStarted} events, or
 * are read from the store when a session id of one turns up here.
 * Thread-safety: {@link Logins} is concurrent; the store is thread-safe.
 */
final class Accounts {

    private static final Logger LOG = Logger.getLogger(Accounts.class.getName());

    private final Logins users = new Logins();
    private final ChatStore store;
    private final Relay relay;
    private final RequestLimits limits;
    private final Supplier<Instant> clock;
    private final SecureRandom random = new SecureRandom();
    /** The ids of the logins claimed here and not yet stored (or refused by the store). */
    private final Set<String> storing = ConcurrentHashMap.newKeySet();
    /** Session hashes a node of several found in no login lately: not asked for again soon. */
    private final Cache<String, Boolean> unknownSessions = Caffeine.newBuilder().maximumSize(10_000)
            .expireAfterWrite(Duration.ofSeconds(10)).build();

    Accounts(ChatStore store, Relay relay, RequestLimits limits, Supplier<Instant> clock) {
        this.store = store;
        this.relay = relay;
        this.limits = limits;
        this.clock = clock;
    }

    /** Puts back a login read from the store. */
    void restore(StoredLogin login) {
        users.restore(login.user(), login.sessionHash(), login.lastSeen());
    }

    /**
     * Whether {@code name} could be taken now.
     *
     * @throws ChatException {@code invalid-name} for a name that mixes scripts and looks like no name in use
     */
    boolean isAvailable(Name name) {
        if (users.isTaken(name)) {
            return false;
        }
        if (!name.singleScript()) {
            throw new ChatException(ErrorCode.INVALID_NAME);
        }
        return true;
    }

    /**
     * Takes {@code name} for a new login in the session whose id hashes to {@code sessionHash};
     * the caller tells the other nodes.
     */
    LoginUser login(Name name, String sessionHash, String address) {
        if (!limits.login(address)) {
            throw new ChatException(ErrorCode.RATE_LIMITED, "Too many logins from this address; wait a minute.");
        }
        if (!name.singleScript()) {
            throw new ChatException(users.isTaken(name) ? ErrorCode.NAME_TAKEN : ErrorCode.INVALID_NAME);
        }
        LoginUser user = new LoginUser(name.display(), name.key(), randomId());
        Instant now = clock.get();
        storing.add(user.loginId());
        boolean stored;
        try {
            if (!users.claim(name, user, sessionHash, now)) {
                throw new ChatException(ErrorCode.NAME_TAKEN);
            }
            stored = store.insertUser(user, sessionHash, now);
        } catch (StoreException e) {
            users.end(user);
            throw new ChatException(ErrorCode.UNAVAILABLE, e);
        } finally {
            storing.remove(user.loginId());
        }
        if (!stored) {
            users.end(user);
            throw new ChatException(ErrorCode.NAME_TAKEN);
        }
        return user;
    }

    /** Ends a login here and in the store; the caller tells the sockets and the other nodes. */
    LoginEnded end(LoginUser user) {
        try {
            store.deleteUser(user);
        } catch (StoreException e) {
            LOG.warning("Could not remove the login of '" + user.name() + "' from the database: " + e.getMessage());
        }
        forget(user);
        return new LoginEnded(user);
    }

    /** Forgets a login that ended (here or through another node); false when it was not current here. */
    boolean forget(LoginUser user) {
        if (!users.end(user)) {
            return false;
        }
        limits.forget(user.key());
        return true;
    }

    /** The current holder of the name with that key, if any (on any node). */
    Optional<LoginUser> holder(String key) {
        return users.holder(key);
    }

    /** Learns a login made through another node. */
    void startedElsewhere(LoginStarted started) {
        if (!users.isCurrent(started.user())) {
            users.restore(started.user(), started.sessionHash(), started.at());
        }
    }

    /**
     * The current login of a session id's hash. Answered from memory; a node of several that
     * does not know it asks the store once, and remembers for a while that it is not there, so
     * a junk session cookie costs at most one bounded, cached query.
     */
    Optional<LoginUser> bySession(String sessionHash) {
        Optional<LoginUser> known = users.bySession(sessionHash);
        if (known.isPresent() || !relay.spansNodes() || unknownSessions.getIfPresent(sessionHash) != null) {
            return known;
        }
        Optional<StoredLogin> stored;
        try {
            stored = store.findLogin(sessionHash);
        } catch (StoreException e) {
            return Optional.empty();
        }
        if (stored.isEmpty()) {
            unknownSessions.put(sessionHash, Boolean.TRUE);
            return Optional.empty();
        }
        restore(stored.get());
        return users.bySession(sessionHash);
    }

    /** Records that {@code user}'s login now lives in the session whose id hashes to {@code sessionHash}. */
    void rebind(LoginUser user, String sessionHash) {
        Instant now = clock.get();
        users.rebind(user, sessionHash, now);
        try {
            store.rebindSession(user, sessionHash, now);
        } catch (StoreException e) {
            LOG.warning("Could not record the new session of '" + user.name() + "': " + e.getMessage());
        }
    }

    boolean isCurrent(LoginUser user) {
        return users.isCurrent(user);
    }

    /** Records a use of {@code user}; written to the store at most once an hour, on {@code writer}. */
    void touch(LoginUser user, Executor writer) {
        Instant now = clock.get();
        if (users.touch(user, now)) {
            writer.execute(() -> {
                try {
                    store.touchUser(user, now);
                } catch (StoreException e) {
                    LOG.fine("Could not record the use of a login: " + e.getMessage());
                }
            });
        }
    }

    /**
     * The logins current here that the store no longer has: they ended through another node
     * while this one did not hear of it. A login claimed here and not yet stored is not one.
     *
     * @throws StoreException when the store cannot tell
     */
    List<LoginUser> endedInStore() {
        List<LoginUser> here = users.all();
        Set<String> unstored = Set.copyOf(storing);
        Set<String> stored = store.loginIds();
        return here.stream().filter(u -> !unstored.contains(u.loginId()) && !stored.contains(u.loginId())).toList();
    }

    /** The logins last used before {@code cutoff}. */
    List<LoginUser> unusedSince(Instant cutoff) {
        return users.unusedSince(cutoff);
    }

    int size() {
        return users.size();
    }

    private String randomId() {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
