package chat.flack.socket;

import chat.flack.domain.LoginUser;
import jakarta.websocket.CloseReason;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.CompletionHandler;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A connection's outbound queue over a socket of the test's own ({@link Wire}): the socket
 * decides whether a write completes at once, later on another thread, or waits behind another
 * write, so the orders that a real peer produces only now and then come here every time.
 */
class ConnectionTest {

    private static final LoginUser USER = new LoginUser("Ada", "ada", "login-1");

    private final ExecutorService encoders = Executors.newFixedThreadPool(2);
    private final ExecutorService closer = Executors.newCachedThreadPool();
    private final ExecutorService completer = Executors.newSingleThreadExecutor();
    private final ExecutorService producers = Executors.newFixedThreadPool(4);
    private final AtomicInteger lagging = new AtomicInteger();

    @AfterEach
    void stop() {
        producers.shutdownNow();
        completer.shutdownNow();
        encoders.shutdownNow();
        closer.shutdownNow();
    }

    @Test
    void framesOfEveryThreadArriveAllAndInTheOrderEachThreadQueuedThem() throws Exception {
        int threads = 4;
        int each = 50_000;
        FakeWire wire = new FakeWire(threads * each, Completion.MIXED);
        Connection c = connection(wire, 1_000_000, Long.MAX_VALUE);
        for (int t = 0; t < threads; t++) {
            int thread = t;
            producers.execute(() -> {
                for (int i = 0; i < each; i++) {
                    String text = thread + ":" + i;
                    if (i % 3 == 0) {
                        c.offerLazily(() -> Frame.text(text.getBytes(StandardCharsets.UTF_8)));
                    } else {
                        c.offer(Frame.text(text.getBytes(StandardCharsets.UTF_8)));
                    }
                }
            });
        }

        assertThat(wire.allWritten.await(60, TimeUnit.SECONDS))
                .as("all %d frames written (%d were)", threads * each, wire.texts.size()).isTrue();
        int[] next = new int[threads];
        for (String text : wire.texts) {
            int thread = Integer.parseInt(text.substring(0, text.indexOf(':')));
            assertThat(text).isEqualTo(thread + ":" + next[thread]++);
        }
        assertThat(next).containsOnly(each);
        assertThat(c.isOpen()).isTrue();
        assertThat(wire.closedWith.get()).isNull();
        assertThat(c.backlog()).isZero();
    }

    @Test
    void framesQueuedWhileAWriteWaitsForThePeerLeaveTogetherInTheNextWrite() throws Exception {
        FakeWire wire = new FakeWire(4, Completion.HELD);
        Connection c = connection(wire, 100, Long.MAX_VALUE);
        c.offer(text("one"));
        c.offer(text("two"));
        c.offer(text("three"));
        c.offer(text("four"));
        assertThat(c.backlog()).isEqualTo(4);

        wire.completeHeld();
        wire.completeHeld();

        assertThat(wire.allWritten.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(wire.writeSizes).containsExactly(1, 3);
        assertThat(wire.texts).containsExactly("one", "two", "three", "four");
        assertThat(c.backlog()).isZero();
    }

    @Test
    void aWriteTakesAtMostSixtyFourFramesAndTheNextTakesTheRest() throws Exception {
        FakeWire wire = new FakeWire(1 + 64 + 1, Completion.HELD);
        Connection c = connection(wire, 100, Long.MAX_VALUE);
        c.offer(text("first"));
        for (int i = 0; i < 64; i++) {
            c.offer(text("f" + i));
        }
        c.offer(text("after"));
        wire.completeHeld();
        wire.completeHeld();
        wire.completeHeld();

        assertThat(wire.allWritten.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(wire.writeSizes).containsExactly(1, 64, 1);
        assertThat(wire.texts.subList(63, 66)).containsExactly("f62", "f63", "after");
        assertThat(c.backlog()).isZero();
    }

    @Test
    void aFrameQueuedToLeaveWithTheNextIsNoBacklogUntilASendTakesIt() throws Exception {
        FakeWire wire = new FakeWire(3, Completion.HELD);
        Connection c = connection(wire, 100, Long.MAX_VALUE);
        Frame.Lazy counts = Frame.lazily(new Frames.UnreadFrame(List.of()));
        counts.get();
        c.enqueueLazily(counts);
        assertThat(c.backlog()).isZero();
        assertThat(wire.writeSizes).isEmpty();

        c.offer(text("a message"));
        assertThat(c.backlog()).isEqualTo(2);
        c.offer(text("behind it"));
        assertThat(c.backlog()).isEqualTo(3);
        wire.completeHeld();
        wire.completeHeld();

        assertThat(wire.allWritten.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(wire.writeSizes).containsExactly(2, 1);
        assertThat(wire.texts).containsExactly("{\"channels\":[],\"type\":\"unread\"}", "a message", "behind it");
        assertThat(c.backlog()).isZero();
    }

    @Test
    void aPeerThatStopsReadingIsClosedWhenItsQueuePassesItsBoundInFrames() throws Exception {
        FakeWire wire = new FakeWire(1, Completion.HELD);
        Connection c = connection(wire, 3, Long.MAX_VALUE);
        for (int i = 0; i < 4; i++) {
            c.offer(text("frame " + i));
        }

        assertThat(wire.closed.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(wire.closedWith.get().getCloseCode()).isEqualTo(CloseReason.CloseCodes.TRY_AGAIN_LATER);
        assertThat(wire.closedWith.get().getReasonPhrase()).isEqualTo("too far behind");
        assertThat(lagging).hasValue(1);
        assertThat(c.isOpen()).isFalse();
        c.offer(text("after the close"));
        assertThat(wire.texts).containsExactly("frame 0");
    }

    @Test
    void aFrameEncodedWhenItsTurnComesCountsAgainstTheByteBoundThen() throws Exception {
        FakeWire wire = new FakeWire(1, Completion.AT_ONCE);
        Connection c = connection(wire, 100, 1_000);
        c.offer(text("small"));
        c.offerLazily(() -> Frame.text(new byte[2_000]));

        assertThat(wire.closed.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(wire.closedWith.get().getReasonPhrase()).isEqualTo("too far behind");
        assertThat(wire.texts).containsExactly("small");
    }

    @Test
    void aWriteThatFindsTheSocketBusyWaitsForTheOtherWriteAndIsNotLost() throws Exception {
        FakeWire wire = new FakeWire(2, Completion.BUSY_FIRST);
        Connection c = connection(wire, 100, Long.MAX_VALUE);
        c.offer(text("after Tomcat's pong"));
        c.offer(text("next"));

        assertThat(wire.allWritten.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(wire.texts).containsExactly("after Tomcat's pong", "next");
        assertThat(wire.waitedForOthers).hasValue(1);
    }

    @Test
    void aWriteThatFailsClosesTheConnection() throws Exception {
        FakeWire wire = new FakeWire(1, Completion.FAILS);
        Connection c = connection(wire, 100, Long.MAX_VALUE);
        c.offer(text("into a reset socket"));

        assertThat(wire.closed.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(wire.closedWith.get().getReasonPhrase()).isEqualTo("send failed");
        assertThat(lagging).hasValue(1);
        assertThat(c.isOpen()).isFalse();
    }

    private Connection connection(Wire wire, int maxQueue, long maxBytes) {
        return new Connection(wire, USER, 0, maxQueue, maxBytes, 10_000, encoders, closer, lagging::incrementAndGet);
    }

    private static Frame text(String text) {
        return Frame.text(text.getBytes(StandardCharsets.UTF_8));
    }

    private enum Completion {
        /** Every write completes before it returns. */
        AT_ONCE,
        /** Writes complete at once or later on another thread, at random. */
        MIXED,
        /** Writes complete when the test says so. */
        HELD,
        /** The first write finds the socket busy; the others complete at once. */
        BUSY_FIRST,
        /** Every write fails. */
        FAILS
    }

    /** A socket that records the text frames written to it and completes writes as {@link Completion} says. */
    private final class FakeWire implements Wire {

        final List<String> texts = new ArrayList<>();
        final List<Integer> writeSizes = new ArrayList<>();
        final CountDownLatch allWritten;
        final CountDownLatch closed = new CountDownLatch(1);
        final AtomicReference<CloseReason> closedWith = new AtomicReference<>();
        final AtomicInteger waitedForOthers = new AtomicInteger();
        private final Completion completion;
        private final ConcurrentLinkedQueue<CompletionHandler<Long, Void>> held = new ConcurrentLinkedQueue<>();
        private boolean busyOnce;

        FakeWire(int frames, Completion completion) {
            this.allWritten = new CountDownLatch(frames);
            this.completion = completion;
            this.busyOnce = completion == Completion.BUSY_FIRST;
        }

        @Override
        public boolean write(ByteBuffer[] buffers, int count, boolean wait, long timeoutMillis,
                             CompletionHandler<Long, Void> done) {
            if (wait) {
                waitedForOthers.incrementAndGet();
            } else if (busyOnce) {
                busyOnce = false;
                return false;
            }
            long bytes = record(buffers, count);
            switch (completion) {
                case AT_ONCE, BUSY_FIRST -> done.completed(bytes, null);
                case MIXED -> {
                    if (ThreadLocalRandom.current().nextBoolean()) {
                        done.completed(bytes, null);
                    } else {
                        completer.execute(() -> done.completed(bytes, null));
                    }
                }
                case HELD -> held.add(done);
                case FAILS -> done.failed(new IOException("Connection reset by peer"), null);
            }
            return true;
        }

        /** Completes the oldest write that is waiting for the test. */
        void completeHeld() {
            held.remove().completed(0L, null);
        }

        private synchronized long record(ByteBuffer[] buffers, int count) {
            writeSizes.add(count);
            long bytes = 0;
            for (int i = 0; i < count; i++) {
                ByteBuffer frame = buffers[i].duplicate();
                bytes += frame.remaining();
                int length = frame.get(1) & 0x7f;
                int header = length < 126 ? 2 : length == 126 ? 4 : 10;
                byte[] payload = new byte[frame.remaining() - header];
                frame.position(header).get(payload);
                texts.add(new String(payload, StandardCharsets.UTF_8));
                allWritten.countDown();
            }
            return bytes;
        }

        @Override
        public void close(CloseReason reason) {
            closedWith.compareAndSet(null, reason);
            closed.countDown();
        }
    }
}
