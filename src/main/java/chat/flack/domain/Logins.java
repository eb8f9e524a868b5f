package chat.flack.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The current logins: who holds which name (and its look-alikes), which session each lives in
 * (by the hash of the session id) and when each was last used. A returning browser is found
 * here without asking the database, so a junk session cookie costs nothing. Thread-safe.
 */
final class Logins {

    /** How stale a login's recorded last use may get before it is written again. */
    static final Duration TOUCH_EVERY = Duration.ofHours(1);

    private final NameClaims<LoginUser> names = new NameClaims<>();
    private final Map<String, LoginUser> bySession = new ConcurrentHashMap<>();
    private final Map<String, Binding> byLogin = new ConcurrentHashMap<>();

    /**
     * Where a login lives: its session, and the one before it, which still finds it so that
     * several tabs coming back at once with the same old cookie all get in, not only the first.
     */
    private record Binding(String sessionHash, String previousHash, Instant lastSeen) {
    }

    /** Puts back a login that was stored before. */
    void restore(LoginUser user, String sessionHash, Instant lastSeen) {
        names.restore(user.name(), user.key(), user);
        bind(user, sessionHash, lastSeen);
    }

    boolean isTaken(Name name) {
        return names.isTaken(name);
    }

    /** Claims {@code name} for the new login {@code user}, living in that session; false when it is taken. */
    boolean claim(Name name, LoginUser user, String sessionHash, Instant at) {
        if (!names.claim(name, user)) {
            return false;
        }
        bind(user, sessionHash, at);
        return true;
    }

    /** The current holder of the name with that key, if any. */
    Optional<LoginUser> holder(String key) {
        return names.get(key);
    }

    /** Whether {@code user} is the current holder of its name. */
    boolean isCurrent(LoginUser user) {
        return names.get(user.key()).filter(user::equals).isPresent();
    }

    /** The current login that lives in the session of that hash. */
    Optional<LoginUser> bySession(String sessionHash) {
        return Optional.ofNullable(bySession.get(sessionHash)).filter(this::isCurrent);
    }

    /** Moves {@code user} to another session; the one before it finds it still, older ones no longer. */
    void rebind(LoginUser user, String sessionHash, Instant at) {
        bind(user, sessionHash, at);
    }

    /** Records a use of {@code user} now; true when that is worth writing down (the last was long ago). */
    boolean touch(LoginUser user, Instant now) {
        Binding b = byLogin.get(user.loginId());
        if (b == null || Duration.between(b.lastSeen(), now).compareTo(TOUCH_EVERY) < 0) {
            return false;
        }
        return byLogin.replace(user.loginId(), b, new Binding(b.sessionHash(), b.previousHash(), now));
    }

    /** The logins not used since {@code cutoff}. */
    List<LoginUser> unusedSince(Instant cutoff) {
        return names.holders().stream()
                .filter(u -> {
                    Binding b = byLogin.get(u.loginId());
                    return b != null && b.lastSeen().isBefore(cutoff);
                })
                .toList();
    }

    /** Every current login. */
    List<LoginUser> all() {
        return List.copyOf(names.holders());
    }

    /** Ends {@code user}'s login; false when it was not current. */
    boolean end(LoginUser user) {
        if (!names.release(user.key(), user)) {
            return false;
        }
        Binding b = byLogin.remove(user.loginId());
        if (b != null) {
            bySession.remove(b.sessionHash(), user);
            if (b.previousHash() != null) {
                bySession.remove(b.previousHash(), user);
            }
        }
        return true;
    }

    int size() {
        return names.size();
    }

    private void bind(LoginUser user, String sessionHash, Instant at) {
        Binding old = byLogin.get(user.loginId());
        byLogin.put(user.loginId(), new Binding(sessionHash, old == null ? null : old.sessionHash(), at));
        if (old != null && old.previousHash() != null) {
            bySession.remove(old.previousHash(), user);
        }
        bySession.put(sessionHash, user);
    }
}
