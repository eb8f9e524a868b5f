package chat.flack.domain;

import chat.flack.domain.ChatStore.StoredChannel;
import chat.flack.domain.ChatStore.UnreadCount;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Unread counts moved by deliveries, with the store's answers arriving when the test says, in
 * the orders that race in a real run: a read while an older count is in flight, a join or a
 * direct conversation while the first counts are being read.
 */
class UnreadTest {

    private final StoredChannel general = new StoredChannel(1, "general", "general");
    private final StoredChannel direct = new StoredChannel(2, "@abc", "@abc");
    private final LoginUser bob = new LoginUser("Bob", "bob", "login-bob");
    private final Map<Long, Long> delivered = new HashMap<>();
    /** What the store answers when a load runs: its counts, as the test sets them at that moment. */
    private final Map<Long, UnreadCount> stored = new HashMap<>();
    private final Queue<Runnable> loads = new ArrayDeque<>();
    private final List<String> started = new ArrayList<>();
    private final List<UnreadCounts> shown = new ArrayList<>();
    private final Unread unread = new Unread(this::load, (u, c, at) -> started.add(c.name() + "@" + at),
            c -> delivered.getOrDefault(c.id(), 0L), shown::add);

    private void load(LoginUser user, Long channelId, Consumer<List<UnreadCount>> then) {
        List<UnreadCount> answer = stored.values().stream()
                .filter(c -> channelId == null || c.channel().id() == channelId).toList();
        loads.add(() -> then.accept(answer));
    }

    private void answerLoads() {
        while (!loads.isEmpty()) {
            loads.poll().run();
        }
    }

    private Message message(long id, StoredChannel in, String login, List<String> mentions) {
        delivered.put(in.id(), id);
        return Message.sent(id, in.name(), "x", "x", "text", null, null, Instant.EPOCH, null, login, mentions);
    }

    private int unreadIn(StoredChannel c) {
        unread.tick();
        UnreadCounts last = shown.get(shown.size() - 1);
        return last.channels().stream().filter(e -> e.channel().equals(c.name())).mapToInt(UnreadCounts.Entry::unread)
                .findFirst().orElse(0);
    }

    @Test
    void othersMessagesCountMentionsAndOwnMessagesRead() {
        stored.put(general.id(), new UnreadCount(general, false, 0, 0, 0, 0));
        unread.opened(bob);
        answerLoads();
        unread.delivered(general, message(1, general, "login-ann", List.of()));
        unread.delivered(general, message(2, general, "login-ann", List.of("Bob")));
        unread.tick();
        assertThat(shown.get(shown.size() - 1).channels())
                .containsExactly(new UnreadCounts.Entry("general", 2, 1, 2));
        unread.delivered(general, message(3, general, "login-bob", List.of()));
        assertThat(unreadIn(general)).as("one's own message reads the channel").isZero();
    }

    @Test
    void aReadPastTheCountsWinsOverAnOlderCountStillInFlight() {
        stored.put(general.id(), new UnreadCount(general, false, 0, 3, 0, 3));
        delivered.put(general.id(), 3L);
        unread.opened(bob);
        answerLoads();
        unread.read(bob, general, 1);
        Runnable olderCount = loads.poll();
        unread.read(bob, general, 3);
        stored.put(general.id(), new UnreadCount(general, false, 1, 2, 0, 3));
        olderCount.run();
        assertThat(unreadIn(general)).as("the count asked before the newer read is dropped").isZero();
    }

    @Test
    void aJoinWhileTheFirstCountsAreReadStartsOnceTheyAreKnown() {
        delivered.put(general.id(), 7L);
        unread.opened(bob);
        unread.joined(bob, general);
        assertThat(started).isEmpty();
        answerLoads();
        assertThat(started).containsExactly("general@7");
        unread.delivered(general, message(8, general, "login-ann", List.of()));
        assertThat(unreadIn(general)).isEqualTo(1);
    }

    @Test
    void aJoinWhileCountingKeepsAPositionTheStoreAlreadyHad() {
        delivered.put(general.id(), 7L);
        stored.put(general.id(), new UnreadCount(general, false, 5, 2, 0, 7));
        unread.opened(bob);
        unread.joined(bob, general);
        answerLoads();
        assertThat(started).as("the stored position stays").isEmpty();
        assertThat(unreadIn(general)).isEqualTo(2);
    }

    @Test
    void aDirectConversationOpenedWhileTheFirstCountsAreReadIsCounted() {
        unread.opened(bob);
        Direct d = new Direct(direct, new Direct.Member("login-ann", "ann", "Ann"),
                new Direct.Member("login-bob", "bob", "Bob"));
        unread.opened(d);
        unread.delivered(direct, message(4, direct, "login-ann", List.of()));
        unread.delivered(direct, message(5, direct, "login-ann", List.of()));
        stored.put(direct.id(), new UnreadCount(direct, true, 0, 2, 2, 5));
        answerLoads();
        unread.tick();
        assertThat(shown.get(shown.size() - 1).channels()).containsExactly(new UnreadCounts.Entry("@abc", 2, 2, 5));
    }
}
