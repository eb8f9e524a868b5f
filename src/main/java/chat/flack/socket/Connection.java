package chat.flack.socket;

import chat.flack.domain.LoginUser;
import jakarta.websocket.CloseReason;
import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.SendHandler;
import jakarta.websocket.SendResult;
import jakarta.websocket.Session;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One open socket and its outbound queue. Any thread may {@link #offer} a frame; what is queued
 * is sent in order with non-blocking writes, one operation in flight at a time: the frames that
 * are waiting are copied, already encoded ({@link Frame}), into the session's buffer (Tomcat's
 * batching) and then flushed with one non-blocking write ({@link TomcatWrites}); the write's completion, on Tomcat's own
 * threads, sends what queued up meanwhile. So a peer that stops reading holds up no thread:
 * its frames wait in its queue, and when the queue passes its bound in frames or in bytes, or
 * a write does not complete within the send timeout, the connection is closed. A frame may be
 * queued unencoded ({@link #offerLazily}): it is encoded in its place in the queue on the
 * encoder pool, so costly frames (history pages) are built off the threads that every
 * connection shares. A ping is copied into the emptied buffer and leaves with the next flush,
 * so it never waits either; only a close, which Tomcat offers only as a blocking call, runs on
 * a pool of its own.
 */
final class Connection {

    private static final Logger LOG = Logger.getLogger(Connection.class.getName());
    /** The session user property that holds a session's connection. */
    static final String KEY = "flack.connection";
    /** Queued in place of a frame: "send a ping here". */
    private static final Object PING = new Object();
    private static final ByteBuffer PING_DATA = ByteBuffer.wrap(new byte[] {'f'}).asReadOnlyBuffer();
    /** {@link #phase}: nothing started, or a start has returned and its completion has not come. */
    private static final int IDLE = 0;
    /** {@link #phase}: an operation is being started and has not completed. */
    private static final int STARTING = 1;
    /** {@link #phase}: the operation completed before its start returned. */
    private static final int DONE = 2;

    final Session session;
    final LoginUser user;
    /** The key of the channel this connection is in, or null. */
    volatile String channel;
    /** When the peer last sent anything (a frame or a pong), in {@code System.nanoTime()}. */
    volatile long lastHeard = System.nanoTime();
    /** Which broadcast worker queues this connection's broadcasts. */
    final int slot;
    /** The broadcaster's round in which it last queued a frame here; only its thread uses it. */
    long broadcastEpoch;

    private final int maxQueue;
    private final long maxBytes;
    private final RemoteEndpoint.Async remote;
    private final TomcatWrites writes;
    private final Object endpoint;
    private final Executor encoders;
    private final Executor closer;
    private final Runnable onLagging;
    private final SendHandler whenSent = this::sent;
    private final SendHandler whenFlushed = this::flushed;
    private final ConcurrentLinkedQueue<Object> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    /** The bytes of the queued frames (shared with the other connections that send them: an upper bound). */
    private final AtomicLong queuedBytes = new AtomicLong();
    /** Held by whoever takes the next item off the queue, until nothing is left in flight. */
    private final AtomicBoolean sending = new AtomicBoolean();
    /** Whether the operation in flight completed inside its start: see {@link #started}. */
    private final AtomicInteger phase = new AtomicInteger();
    private final AtomicBoolean pingQueued = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    /** The bytes of the frame being copied; only the holder of {@link #sending} writes it. */
    private long inFlightBytes;
    /** Whether the session's buffer may hold frames not yet written; only the holder of {@link #sending} uses it. */
    private boolean unflushed;

    Connection(Session session, LoginUser user, int slot, int maxQueue, long maxBytes, long sendTimeoutMillis,
               TomcatWrites writes, Executor encoders, Executor closer, Runnable onLagging) throws IOException {
        this.session = session;
        this.user = user;
        this.slot = slot;
        this.maxQueue = maxQueue;
        this.maxBytes = maxBytes;
        this.remote = session.getAsyncRemote();
        this.remote.setSendTimeout(sendTimeoutMillis);
        this.remote.setBatchingAllowed(true);
        this.writes = writes;
        this.endpoint = writes.endpointOf(session);
        this.encoders = encoders;
        this.closer = closer;
        this.onLagging = onLagging;
    }

    /** Queues a frame for this connection; closes it instead when it has fallen too far behind. */
    void offer(Frame frame) {
        if (enqueue(frame)) {
            send();
        }
    }

    /**
     * Queues a frame that {@code encoder} makes when its turn to be sent comes, on the encoder
     * pool; the byte bound applies to it then.
     */
    void offerLazily(Supplier<Frame> encoder) {
        if (!closed.get() && admit(0)) {
            queue.add(encoder);
            send();
        }
    }

    /** Queues a frame without sending it; false when the connection is closed (or now closes). */
    boolean enqueue(Frame frame) {
        if (closed.get() || !admit(frame.size())) {
            return false;
        }
        queue.add(frame);
        return true;
    }

    /** Counts a frame of {@code bytes} in; closes the connection instead when that passes a bound. */
    private boolean admit(long bytes) {
        long waitingBytes = queuedBytes.addAndGet(bytes);
        if (queued.incrementAndGet() > maxQueue || waitingBytes > maxBytes) {
            tooFarBehind();
            return false;
        }
        return true;
    }

    private void tooFarBehind() {
        LOG.info("Socket closed: more than " + maxQueue + " frames or " + maxBytes + " bytes waiting");
        onLagging.run();
        close(new CloseReason(CloseReason.CloseCodes.TRY_AGAIN_LATER, "too far behind"));
    }

    /** Marks a socket that its peer closed: nothing more is queued or registered for it. */
    void discard() {
        closed.set(true);
        queue.clear();
    }

    boolean isOpen() {
        return !closed.get();
    }

    /** Asks the peer for a pong, after what is queued; a peer that does not read never answers. */
    void ping() {
        if (!closed.get() && pingQueued.compareAndSet(false, true)) {
            queue.add(PING);
            send();
        }
    }

    /** Frames waiting to be sent, the one being written included. */
    int backlog() {
        return Math.max(0, queued.get());
    }

    /** Closes the socket, off the calling thread (a close frame to a stalled peer may wait). */
    void close(CloseReason reason) {
        if (closed.compareAndSet(false, true)) {
            queue.clear();
            closer.execute(() -> {
                try {
                    session.close(reason);
                } catch (IOException | RuntimeException e) {
                    LOG.log(Level.FINE, "Closing a socket failed", e);
                }
            });
        }
    }

    /** Starts sending what is queued, unless a send is under way (which then sends it too). */
    void send() {
        if (!queue.isEmpty() && sending.compareAndSet(false, true)) {
            pump();
        }
    }

    /**
     * Sends queued items for as long as each completes at once. Returns when the queue is empty
     * and flushed (having given {@link #sending} back), or when an operation is left in flight:
     * its completion calls this again. Only the holder of {@link #sending} runs it.
     */
    private void pump() {
        while (!closed.get()) {
            Object next = queue.peek();
            if ((next == null || next == PING) && unflushed) {
                unflushed = false;
                if (!started(() -> writes.flush(endpoint, whenFlushed))) {
                    return;
                }
            } else if (next == null) {
                sending.set(false);
                if (queue.isEmpty() || !sending.compareAndSet(false, true)) {
                    return;
                }
            } else if (next == PING) {
                // The buffer is empty, so the ping is only copied into it: the call cannot wait.
                queue.poll();
                pingQueued.set(false);
                try {
                    remote.sendPing(PING_DATA.duplicate());
                } catch (IOException | RuntimeException e) {
                    failed(e);
                    return;
                }
                unflushed = true;
            } else if (next instanceof Supplier<?>) {
                encoders.execute(this::encodeAndPump);
                return;
            } else {
                queue.poll();
                if (!write((Frame) next)) {
                    return;
                }
            }
        }
    }

    private void encodeAndPump() {
        Supplier<?> encoder = (Supplier<?>) queue.poll();
        Frame frame;
        try {
            frame = (Frame) encoder.get();
        } catch (RuntimeException e) {
            failed(e);
            return;
        }
        if (queuedBytes.addAndGet(frame.size()) > maxBytes) {
            tooFarBehind();
        } else if (write(frame)) {
            pump();
        }
    }

    /** Copies a frame into the session's buffer; true when that completed at once. */
    private boolean write(Frame frame) {
        inFlightBytes = frame.size();
        unflushed = true;
        return started(() -> writes.text(endpoint, frame.payload(), whenSent));
    }

    /**
     * Starts an operation whose completion calls {@link #completed}; true when it completed
     * before returning (the caller goes on), false when it is in flight (its completion goes on).
     */
    private boolean started(Runnable operation) {
        phase.set(STARTING);
        try {
            operation.run();
        } catch (RuntimeException e) {
            failed(e);
            return false;
        }
        if (phase.compareAndSet(STARTING, IDLE)) {
            return false;
        }
        phase.set(IDLE);
        return !closed.get();
    }

    private void sent(SendResult result) {
        queued.decrementAndGet();
        queuedBytes.addAndGet(-inFlightBytes);
        completed(result);
    }

    private void flushed(SendResult result) {
        completed(result);
    }

    private void completed(SendResult result) {
        if (!result.isOK()) {
            failed(result.getException());
        } else if (!phase.compareAndSet(STARTING, DONE)) {
            pump();
        }
    }

    private void failed(Throwable e) {
        if (!closed.get()) {
            LOG.info("Socket closed: a write failed or did not complete in time (" + e + ")");
            onLagging.run();
            close(new CloseReason(CloseReason.CloseCodes.TRY_AGAIN_LATER, "send failed"));
        }
    }
}
