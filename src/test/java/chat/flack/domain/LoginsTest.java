package chat.flack.domain;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class LoginsTest {

    private static final Instant T0 = Instant.parse("2026-11-01T10:00:00Z");
    private final Logins logins = new Logins();

    private static Name name(String raw) {
        return Names.parse(raw, 32).orElseThrow();
    }

    private static LoginUser user(String name, String id) {
        Name n = name(name);
        return new LoginUser(n.display(), n.key(), id);
    }

    @Test
    void aLoginIsFoundByItsSessionUntilItMovesOrEnds() {
        LoginUser ann = user("Ann", "1");
        assertThat(logins.claim(name("Ann"), ann, "hash-a", T0)).isTrue();
        assertThat(logins.bySession("hash-a")).contains(ann);
        assertThat(logins.bySession("junk")).isEmpty();
        logins.rebind(ann, "hash-b", T0);
        assertThat(logins.bySession("hash-a")).as("a second tab with the same old cookie").contains(ann);
        assertThat(logins.bySession("hash-b")).contains(ann);
        logins.rebind(ann, "hash-c", T0);
        assertThat(logins.bySession("hash-a")).isEmpty();
        assertThat(logins.end(ann)).isTrue();
        assertThat(logins.bySession("hash-b")).isEmpty();
        assertThat(logins.bySession("hash-c")).isEmpty();
        assertThat(logins.isTaken(name("ann"))).isFalse();
    }

    @Test
    void aLaterLoginOfTheSameNameIsNotTheEarlierOne() {
        LoginUser first = user("Bo", "1");
        logins.claim(name("Bo"), first, "h1", T0);
        logins.end(first);
        LoginUser second = user("Bo", "2");
        logins.claim(name("Bo"), second, "h2", T0);
        assertThat(logins.isCurrent(first)).isFalse();
        assertThat(logins.isCurrent(second)).isTrue();
        assertThat(logins.end(first)).isFalse();
    }

    @Test
    void usesAreRecordedAtMostHourlyAndUnusedLoginsAreFound() {
        LoginUser old = user("Old", "1");
        LoginUser busy = user("Busy", "2");
        logins.restore(old, "h-old", T0);
        logins.restore(busy, "h-busy", T0);
        assertThat(logins.touch(busy, T0.plus(Duration.ofMinutes(30)))).isFalse();
        assertThat(logins.touch(busy, T0.plus(Duration.ofDays(20)))).isTrue();
        assertThat(logins.unusedSince(T0.plus(Duration.ofDays(10)))).containsExactly(old);
    }
}
