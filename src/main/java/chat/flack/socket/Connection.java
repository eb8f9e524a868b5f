package chat.flack.socket;

import chat.flack.domain.LoginUser;
import jakarta.websocket.CloseReason;
import jakarta.websocket.RemoteEndpoint;
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
 * is then sent in order, one drain at a time per connection (so never two concurrent writes on
 * one session); several frames waiting leave together in as few writes as Tomcat's buffer
 * allows. A {@link Broadcaster} drains a healthy connection itself; a connection that has not
 * answered a ping, or has a long backlog, is drained by the writer pool, where blocking on it
 * holds up nobody else. A connection whose queue passes its bound in frames or in bytes,
 * whose write does not complete within the send timeout, or that answers no ping for long, is
 * closed. A frame may be queued unencoded ({@link #offerLazily}): it is encoded by the writer
 * that sends it, in its place in the queue, so costly frames (history pages) are built off the
 * threads that every connection shares.
 */
final class Connection {

    private static final Logger LOG = Logger.getLogger(Connection.class.getName());
    /** The session user property that holds a session's connection. */
    static final String KEY = "flack.connection";
    /** Queued in place of a frame: "send a ping here". */
    private static final Object PING = new Object();
    private static final ByteBuffer PING_DATA = ByteBuffer.wrap(new byte[] {'f'}).asReadOnlyBuffer();
    /** Frames sent by one drain before the writer lets other connections have a turn. */
    private static final int DRAIN_LIMIT = 64;
    /** A ping unanswered this long makes a connection suspect of not reading. */
    private static final long PONG_GRACE_NANOS = 1_000_000_000L;

    final Session session;
    final LoginUser user;
    /** The key of the channel this connection is in, or null. */
    volatile String channel;
    /** When the peer last sent anything (a frame or a pong), in {@code System.nanoTime()}. */
    volatile long lastHeard = System.nanoTime();
    /** Which broadcast worker drains this connection. */
    final int slot;
    /** When the last ping was written, in {@code System.nanoTime()}; 0 before the first. */
    private volatile long pingWritten;
    /** The broadcaster's round in which it last queued a frame here; only its thread uses it. */
    long broadcastEpoch;

    private final int maxQueue;
    private final long maxBytes;
    private final Executor writers;
    private final Executor closer;
    private final Runnable onLagging;
    private final ConcurrentLinkedQueue<Object> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    /** Heap bytes the queued frames hold: 2 per UTF-16 unit, an upper bound. */
    private final AtomicLong queuedBytes = new AtomicLong();
    private final AtomicInteger lazy = new AtomicInteger();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final AtomicBoolean pingQueued = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();

    Connection(Session session, LoginUser user, int slot, int maxQueue, long maxBytes, Executor writers,
               Executor closer, Runnable onLagging) {
        this.session = session;
        this.user = user;
        this.slot = slot;
        this.maxQueue = maxQueue;
        this.maxBytes = maxBytes;
        this.writers = writers;
        this.closer = closer;
        this.onLagging = onLagging;
    }

    /** Queues a frame for this connection; closes it instead when it has fallen too far behind. */
    void offer(String frame) {
        if (enqueue(frame)) {
            schedule();
        }
    }

    /**
     * Queues a frame that {@code encoder} makes when its turn to be sent comes, on the writer
     * pool; the bounds apply to it then.
     */
    void offerLazily(Supplier<String> encoder) {
        if (closed.get()) {
            return;
        }
        lazy.incrementAndGet();
        if (admit(0)) {
            queue.add(encoder);
            schedule();
        }
    }

    /** Queues a frame without sending it; false when the connection is closed (or now closes). */
    boolean enqueue(String frame) {
        if (closed.get() || !admit(2L * frame.length())) {
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

    /** Sends what is queued on the calling broadcaster thread, unless a write here might block or encode. */
    void drainFromBroadcaster() {
        if (suspect() || lazy.get() > 0) {
            schedule();
        } else if (scheduled.compareAndSet(false, true)) {
            drain();
        }
    }

    /** Whether a write to this peer might block: it has a ping unanswered, or frames still waiting. */
    private boolean suspect() {
        long ping = pingWritten;
        return queued.get() > DRAIN_LIMIT
                || (ping != 0 && lastHeard - ping < 0 && System.nanoTime() - ping > PONG_GRACE_NANOS);
    }

    /** Asks the peer for a pong, after what is queued; a peer that does not read never answers. */
    void ping() {
        if (!closed.get() && pingQueued.compareAndSet(false, true)) {
            queue.add(PING);
            schedule();
        }
    }

    /** Frames waiting to be sent. */
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

    /** Encodes a lazily queued frame, counting it against the byte bound until it is sent. */
    private String encodeLazy(Supplier<?> encoder) {
        lazy.decrementAndGet();
        String frame = (String) encoder.get();
        if (queuedBytes.addAndGet(2L * frame.length()) > maxBytes) {
            tooFarBehind();
        }
        return frame;
    }

    private void schedule() {
        if (scheduled.compareAndSet(false, true)) {
            writers.execute(this::drain);
        }
    }

    private void drain() {
        RemoteEndpoint.Basic remote = session.getBasicRemote();
        // One frame goes straight out; several are packed into Tomcat's buffer, flushed at the end.
        boolean batch = queued.get() > 1;
        try {
            if (batch) {
                remote.setBatchingAllowed(true);
            }
            int sent = 0;
            Object next;
            while (sent < DRAIN_LIMIT && !closed.get() && (next = queue.poll()) != null) {
                if (next == PING) {
                    pingQueued.set(false);
                    remote.sendPing(PING_DATA.duplicate());
                    pingWritten = System.nanoTime();
                } else {
                    queued.decrementAndGet();
                    String frame = next instanceof Supplier<?> encoder ? encodeLazy(encoder) : (String) next;
                    queuedBytes.addAndGet(-2L * frame.length());
                    if (closed.get()) {
                        break;
                    }
                    remote.sendText(frame);
                }
                sent++;
            }
            if (batch) {
                remote.setBatchingAllowed(false);
            }
        } catch (IOException | RuntimeException e) {
            if (!closed.get()) {
                LOG.info("Socket closed: a write failed or did not complete in time (" + e + ")");
                onLagging.run();
                close(new CloseReason(CloseReason.CloseCodes.TRY_AGAIN_LATER, "send failed"));
            }
        } finally {
            scheduled.set(false);
        }
        if (!closed.get() && !queue.isEmpty()) {
            schedule();
        }
    }
}
