package chat.flack.socket;

import chat.flack.domain.LoginUser;
import chat.flack.domain.Message;
import jakarta.websocket.CloseReason;

import java.nio.ByteBuffer;
import java.nio.channels.CompletionHandler;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The socket layer's first messages, made up and sent before the first real one, so that the
 * JIT compiler has compiled their path by then: a Tomcat that has just started otherwise
 * interprets it while the first busy minutes of a channel arrive, and compiles it on the same
 * cores (the first 1 000-receiver run after a start had 2–5× the p99 of the next ones,
 * docs/benchmark.md). It parses as many client frames as messages, encodes each message once,
 * and has the broadcasters send it to {@value #RECEIVERS} connections whose socket takes every
 * write at once and keeps nothing: the same parsing, encoding, queueing and gathering as a
 * channel of that size, without a socket, a user, a channel or a stored message.
 */
final class WarmUp {

    static final int RECEIVERS = 1_000;
    static final int MESSAGES = 200;

    private WarmUp() {
    }

    /**
     * Sends {@value #MESSAGES} made-up messages to {@value #RECEIVERS} made-up connections
     * through {@code broadcasters}, and waits (at most {@code timeoutMillis}) until they are
     * sent; returns the frames their socket took (every one: {@value #RECEIVERS} × {@value #MESSAGES}).
     */
    static long run(Broadcaster[] broadcasters, Executor encoders, Executor closer, long timeoutMillis)
            throws InterruptedException {
        AtomicLong taken = new AtomicLong();
        Wire sink = new Wire() {
            @Override
            public boolean write(ByteBuffer[] buffers, int count, boolean wait, long timeout,
                                 CompletionHandler<Long, Void> done) {
                taken.addAndGet(count);
                long bytes = 0;
                for (int i = 0; i < count; i++) {
                    bytes += buffers[i].remaining();
                }
                done.completed(bytes, null);
                return true;
            }

            @Override
            public void close(CloseReason reason) {
                // nothing to close: the made-up connections go with the warm-up
            }
        };
        Connection[] receivers = new Connection[RECEIVERS];
        for (int i = 0; i < RECEIVERS; i++) {
            receivers[i] = new Connection(sink, new LoginUser("warm-up " + i, "warm-up " + i, "warm-up"),
                    i % broadcasters.length, MESSAGES * 2, Long.MAX_VALUE, timeoutMillis, encoders, closer, () -> {
                        // a sink never falls behind
                    });
        }
        Instant now = Instant.now();
        for (int i = 0; i < MESSAGES; i++) {
            String text = "warm-up message " + i;
            Frames.Request request;
            try {
                request = Frames.parse("{\"type\":\"send\",\"channel\":\"warm-up\",\"text\":\"" + text
                        + "\",\"clientId\":\"warm-up-" + i + "\"}");
            } catch (Frames.BadFrame e) {
                throw new IllegalStateException("The warm-up's own frame was refused: " + e.getMessage(), e);
            }
            Frames.Send send = (Frames.Send) request;
            Message message = Message.sent(i + 1, send.channel(), "warm-up", "warm-up", send.text(), send.image(),
                    null, now, send.clientId(), "warm-up", List.of());
            Frame frame = Frame.of(new Frames.MessageFrame(message));
            for (Broadcaster b : broadcasters) {
                b.send(receivers, frame);
            }
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        for (Broadcaster b : broadcasters) {
            b.awaitSent(Math.max(1, deadline - System.nanoTime()));
        }
        return taken.get();
    }
}
