package chat.flack.domain;

import chat.flack.domain.PresenceChanged.UserPresence;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Who is online, over this node's sockets and what the other nodes say, on a clock the test moves. */
class PresenceTest {

    private long now;
    private final List<NodePresence> published = new ArrayList<>();
    private final List<List<UserPresence>> shown = new ArrayList<>();
    private final Presence presence = new Presence("here", published::add, e -> shown.add(e.users()), () -> now);
    private final LoginUser ann = new LoginUser("Ann", "ann", "l-ann");
    private final LoginUser bob = new LoginUser("Bob", "bob", "l-bob");

    private void advance(long millis) {
        now += TimeUnit.MILLISECONDS.toNanos(millis);
    }

    @Test
    void aUserIsOnlineFromTheFirstSocketToTheLastAndChangesAreShownOnceATick() {
        presence.opened(ann);
        presence.opened(ann);
        presence.opened(bob);
        assertThat(presence.shownOnline()).isEmpty();
        assertThat(presence.onlineSinceTick()).containsExactlyInAnyOrder("Ann", "Bob");
        presence.tick();
        assertThat(presence.shownOnline()).containsExactlyInAnyOrder("Ann", "Bob");
        assertThat(presence.onlineSinceTick()).isEmpty();
        assertThat(shown).containsExactly(List.of(new UserPresence("Ann", true), new UserPresence("Bob", true)));
        presence.closed(ann);
        presence.tick();
        assertThat(shown).hasSize(1);
        presence.closed(ann);
        presence.tick();
        assertThat(shown.get(1)).containsExactly(new UserPresence("Ann", false));
        assertThat(published.get(published.size() - 1).users()).containsExactly("Bob");
    }

    @Test
    void anotherNodesUsersAreOnlineUntilItIsNotHeardFrom() {
        presence.heard(new NodePresence("there", List.of("Cy")));
        presence.tick();
        assertThat(shown).containsExactly(List.of(new UserPresence("Cy", true)));
        advance(Presence.FORGET_MILLIS - 1);
        presence.tick();
        assertThat(shown).hasSize(1);
        advance(2);
        presence.tick();
        assertThat(shown.get(1)).containsExactly(new UserPresence("Cy", false));
    }

    @Test
    void aUserOnTwoNodesStaysOnlineWhileEitherHasASocket() {
        presence.opened(ann);
        presence.heard(new NodePresence("there", List.of("Ann")));
        presence.tick();
        presence.closed(ann);
        presence.tick();
        assertThat(shown).hasSize(1);
        presence.heard(new NodePresence("there", List.of()));
        presence.tick();
        assertThat(shown.get(1)).containsExactly(new UserPresence("Ann", false));
    }

    @Test
    void theNodeTellsItsSetWhenItChangesAndOnEveryBeat() {
        presence.tick();
        int first = published.size();
        presence.tick();
        assertThat(published).hasSize(first);
        presence.opened(ann);
        presence.tick();
        assertThat(published).hasSize(first + 1);
        advance(Presence.BEAT_MILLIS);
        presence.tick();
        assertThat(published).hasSize(first + 2);
        assertThat(published.get(first + 1).users()).containsExactly("Ann");
    }
}
