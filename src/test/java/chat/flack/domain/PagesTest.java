package chat.flack.domain;

import chat.flack.domain.ChatStore.StoredChannel;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The channel pages in memory: served from memory once read, read again from the store once
 * dropped for the byte budget, and never missing or doubling a message accepted during a read.
 * The store is a map of lists; reads run when the test says, the sequencer on the test's thread.
 */
class PagesTest {

    private final Map<Long, List<Message>> stored = new HashMap<>();
    private final Queue<Runnable> reads = new ArrayDeque<>();
    private final List<Long> readChannels = new ArrayList<>();
    /** The delivered position of each channel; by default everything stored is delivered. */
    private final Map<Long, Long> delivered = new HashMap<>();

    private Pages pages(int pageSize, long maxBytes) {
        return new Pages(pageSize, maxBytes, c -> {
            readChannels.add(c.id());
            if (c.id() < 0) {
                throw new StoreException("the database is down", null);
            }
            return List.copyOf(stored.getOrDefault(c.id(), List.of()));
        }, c -> delivered.getOrDefault(c.id(), Long.MAX_VALUE), reads::add, Runnable::run);
    }

    private static StoredChannel channel(long id) {
        return new StoredChannel(id, "c" + id, "c" + id);
    }

    private static Message message(long channel, long id, String text) {
        return Message.sent(id, "c" + channel, "ann", "ann", text, null, null, Instant.EPOCH, null, "login-ann",
                List.of());
    }

    private Message store(long channel, long id, String text) {
        Message m = message(channel, id, text);
        stored.computeIfAbsent(channel, k -> new ArrayList<>()).add(m);
        return m;
    }

    private void runReads() {
        while (!reads.isEmpty()) {
            reads.poll().run();
        }
    }

    @Test
    void aPageIsReadOnceThenServedFromMemoryWithTheMessagesAcceptedSince() {
        Pages pages = pages(3, 1 << 20);
        StoredChannel general = channel(1);
        store(1, 1, "one");
        store(1, 2, "two");
        CompletableFuture<List<Message>> first = pages.newest(general);
        assertThat(first).isNotDone();
        runReads();
        assertThat(first.join()).extracting(Message::text).containsExactly("one", "two");

        pages.accepted(general, store(1, 3, "three"));
        pages.accepted(general, store(1, 4, "four"));
        CompletableFuture<List<Message>> second = pages.newest(general);
        assertThat(second).isDone();
        assertThat(second.join()).extracting(Message::text).containsExactly("two", "three", "four");
        assertThat(readChannels).containsExactly(1L);
    }

    @Test
    void aMessageAcceptedWhileThePageIsReadIsInItOnceAndInOrder() {
        Pages pages = pages(100, 1 << 20);
        StoredChannel general = channel(1);
        store(1, 1, "one");
        CompletableFuture<List<Message>> waiting = pages.newest(general);
        CompletableFuture<List<Message>> alsoWaiting = pages.newest(general);
        // Stored before the read and accepted (on the sequencer) only after it began: both see it.
        Message two = store(1, 2, "two");
        pages.accepted(general, two);
        runReads();
        pages.accepted(general, store(1, 3, "three"));

        assertThat(waiting.join()).extracting(Message::id).containsExactly(1L, 2L);
        assertThat(alsoWaiting.join()).extracting(Message::id).containsExactly(1L, 2L);
        assertThat(pages.newest(general).join()).extracting(Message::id).containsExactly(1L, 2L, 3L);
        assertThat(readChannels).as("one read for both joins").containsExactly(1L);
    }

    @Test
    void pagesPastTheBudgetAreDroppedLeastRecentlyUsedFirstAndReadAgain() {
        Message big = message(1, 1, "x".repeat(10_000));
        long budget = 3 * big.heapBytes();
        Pages pages = pages(1, budget);
        for (long c = 1; c <= 4; c++) {
            store(c, c, "x".repeat(10_000));
            pages.newest(channel(c));
            runReads();
            assertThat(pages.bytes()).isLessThanOrEqualTo(budget);
        }
        readChannels.clear();
        pages.newest(channel(4)).join();
        pages.newest(channel(3)).join();
        assertThat(readChannels).as("the newest three stay in memory").isEmpty();

        CompletableFuture<List<Message>> dropped = pages.newest(channel(1));
        runReads();
        assertThat(dropped.join()).extracting(Message::id).containsExactly(1L);
        assertThat(readChannels).containsExactly(1L);
        assertThat(pages.bytes()).isLessThanOrEqualTo(budget);
    }

    @Test
    void aFailedReadFailsItsJoinsAndTheNextJoinReadsAgain() {
        Pages pages = pages(100, 1 << 20);
        StoredChannel down = channel(-1);
        CompletableFuture<List<Message>> failed = pages.newest(down);
        runReads();
        assertThat(failed).isCompletedExceptionally();

        CompletableFuture<List<Message>> again = pages.newest(down);
        assertThat(again).isNotDone();
        runReads();
        assertThat(readChannels).containsExactly(-1L, -1L);
    }

    @Test
    void aPageReadAheadOfWhatThisNodeDeliveredIsCutThereAndTheRestComesOnceInTurn() {
        Pages pages = pages(100, 1 << 20);
        StoredChannel general = channel(1);
        store(1, 1, "one");
        Message two = store(1, 2, "two");
        Message three = store(1, 3, "three");
        delivered.put(1L, 1L);
        CompletableFuture<List<Message>> joined = pages.newest(general);
        runReads();
        assertThat(joined.join()).as("committed, not yet shown here").extracting(Message::id).containsExactly(1L);

        pages.accepted(general, two);
        pages.accepted(general, three);
        pages.accepted(general, two);
        assertThat(pages.newest(general).join()).extracting(Message::id).containsExactly(1L, 2L, 3L);
    }
}
