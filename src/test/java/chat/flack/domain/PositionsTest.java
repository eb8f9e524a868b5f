package chat.flack.domain;

import chat.flack.domain.ChatStore.StoredChannel;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every stored message is shown once, in id order, whatever order, doubling or loss the relay
 * brings: a gap waits a grace for what it lacks, then is filled from the store. The store is a
 * list; its reads, and the ends of graces, run when the test says.
 */
class PositionsTest {

    private final StoredChannel general = new StoredChannel(1, "general", "general");
    private final List<Message> stored = new ArrayList<>();
    private final Queue<Runnable> reads = new ArrayDeque<>();
    private final Queue<Runnable> graces = new ArrayDeque<>();
    private final List<Long> shown = new ArrayList<>();
    private int readCount;
    private int counted;
    private final Positions positions = new Positions((c, after) -> {
        readCount++;
        return stored.stream().filter(m -> m.id() > after).limit(Positions.READ_LIMIT).toList();
    }, reads::add, Runnable::run, graces::add, () -> counted++, (c, m) -> shown.add(m.id()));

    private MessageStored store(long id, long previous) {
        Message m = Message.sent(id, "general", "ann", "ann", "m" + id, null, null, Instant.EPOCH, null,
                "login-ann", List.of());
        stored.add(m);
        return new MessageStored(general, m, previous);
    }

    private void runReads() {
        while (!reads.isEmpty()) {
            reads.poll().run();
        }
    }

    private void endGraces() {
        while (!graces.isEmpty()) {
            graces.poll().run();
        }
    }

    @Test
    void messagesInOrderAreShownAtOnceAndDoublesDropped() {
        positions.known(general, 0);
        MessageStored first = store(3, 0);
        positions.stored(first);
        positions.stored(store(7, 3));
        positions.stored(first);
        assertThat(shown).containsExactly(3L, 7L);
        assertThat(readCount).isZero();
        assertThat(positions.position(general)).isEqualTo(7);
    }

    @Test
    void aLostMessageIsReadFromTheStoreBeforeTheOneAfterItAndWhatArrivesMeanwhileWaits() {
        positions.known(general, 0);
        positions.stored(store(3, 0));
        store(5, 3);
        positions.stored(store(8, 5));
        MessageStored later = store(9, 8);
        positions.stored(later);
        assertThat(shown).as("nothing past the gap before the read").containsExactly(3L);
        runReads();
        assertThat(shown).as("no read during the grace").containsExactly(3L);
        endGraces();
        runReads();
        assertThat(shown).containsExactly(3L, 5L, 8L, 9L);
        positions.stored(later);
        assertThat(shown).containsExactly(3L, 5L, 8L, 9L);
    }

    @Test
    void messagesThatArriveOutOfOrderWithinTheGraceAreShownInOrderWithoutARead() {
        positions.known(general, 0);
        MessageStored first = store(3, 0);
        MessageStored second = store(5, 3);
        MessageStored third = store(8, 5);
        positions.stored(third);
        positions.stored(second);
        assertThat(shown).isEmpty();
        positions.stored(first);
        assertThat(shown).containsExactly(3L, 5L, 8L);
        endGraces();
        runReads();
        positions.stored(store(9, 8));
        assertThat(shown).containsExactly(3L, 5L, 8L, 9L);
        assertThat(readCount).isZero();
    }

    @Test
    void aPositionCheckDuringAGraceLeavesTheGapToItsGrace() {
        positions.known(general, 0);
        store(3, 0);
        positions.stored(store(5, 3));
        positions.storedUpTo(general, 5);
        assertThat(reads).isEmpty();
        endGraces();
        runReads();
        assertThat(shown).containsExactly(3L, 5L);
        assertThat(readCount).isEqualTo(1);
    }

    @Test
    void aStoredPositionAheadOfThisNodesIsReadUpTo() {
        positions.known(general, 2);
        store(4, 2);
        store(6, 4);
        positions.storedUpTo(general, 6);
        runReads();
        assertThat(shown).containsExactly(4L, 6L);
        positions.storedUpTo(general, 6);
        assertThat(reads).as("nothing more to read").isEmpty();
    }

    @Test
    void aMessageWhosePreviousIsUnknownIsReadUpToAndShownOnce() {
        positions.known(general, 0);
        positions.stored(store(2, 0));
        positions.stored(store(4, GroupCommitter.UNKNOWN_PREVIOUS));
        endGraces();
        runReads();
        assertThat(shown).containsExactly(2L, 4L);
    }

    @Test
    void aLongGapIsReadInRounds() {
        positions.known(general, 0);
        for (long id = 1; id <= Positions.READ_LIMIT * 2 + 10; id++) {
            store(id, id - 1);
        }
        positions.storedUpTo(general, Positions.READ_LIMIT * 2 + 10);
        runReads();
        assertThat(shown).hasSize(Positions.READ_LIMIT * 2 + 10).isSorted().doesNotHaveDuplicates();
        assertThat(readCount).isEqualTo(3);
        assertThat(counted).as("every read is counted").isEqualTo(3);
    }
}
