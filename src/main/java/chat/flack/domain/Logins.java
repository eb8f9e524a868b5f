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

    private record Binding(String sessionHash, Instant lastSeen) {
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

    /** Whether {@code user} is the current holder of its name. */
    boolean isCurrent(LoginUser user) {
        return names.get(user.key()).filter(user::equals).isPresent();
    }

    /** The current login that lives in the session of that hash. */
    Optional<LoginUser> bySession(String sessionHash) {
        return Optional.ofNullable(bySession.get(sessionHash)).filter(this::isCurrent);
    }

    /** Moves {@code user} to another session; the old one no longer finds it. */
    void rebind(LoginUser user, String sessionHash, Instant at) {
        bind(user, sessionHash, at);
    }

    /** Records a use of {@code user} now; true when that is worth writing down (the last was long ago). */
    boolean touch(LoginUser user, Instant now) {
        Binding b = byLogin.get(user.loginId());
        if (b == null || Duration.between(b.lastSeen(), now).compareTo(TOUCH_EVERY) < 0) {
            return false;
        }
        return byLogin.replace(user.loginId(), b, new Binding(b.sessionHash(), now));
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

    /** Ends {@code user}'s login; false when it was not current. */
    boolean end(LoginUser user) {
        if (!names.release(user.key(), user)) {
            return false;
        }
        Binding b = byLogin.remove(user.loginId());
        if (b != null) {
            bySession.remove(b.sessionHash(), user);
        }
        return true;
    }

    int size() {
        return names.size();
    }

    private void bind(LoginUser user, String sessionHash, Instant at) {
        Binding old = byLogin.put(user.loginId(), new Binding(sessionHash, at));
        if (old != null) {
            bySession.remove(old.sessionHash(), user);
        }
        bySession.put(sessionHash, user);
    }
}
