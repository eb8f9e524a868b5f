package chat.flack.socket;

import chat.flack.domain.LoginUser;
import jakarta.websocket.CloseReason;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.CompletionHandler;
import java.util.Arrays;
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
 * is sent in order with non-blocking writes, one in flight at a time: the frames waiting when a
 * write starts, already framed and encoded ({@link Frame}), leave in one gathering write on the
 * socket ({@link Wire}; {@link TomcatWrites} gives Tomcat's). A write the socket takes at once
 * completes on the thread that started it, which goes on with what queued up meanwhile; one that
 * must wait for the peer completes on Tomcat's threads, which go on. So a peer that stops reading
 * holds up no thread: its frames wait in its queue, and when the queue passes its bound in frames
 * or in bytes, or a write makes no progress for the send timeout, the connection is closed. A
 * frame may be queued unencoded ({@link #offerLazily}): it is encoded in its place in the queue
 * on the encoder pool, so costly frames (history pages) are built off the threads that every
 * connection shares; one shared by many connections ({@link Frame.Lazy}) is encoded by the first
 * and written as it is by the others. A ping is queued as a frame. Only a close, which Tomcat
 * offers only as a blocking call, runs on a pool of its own.
 */
final class Connection {

    private static final Logger LOG = Logger.getLogger(Connection.class.getName());
    /** The session user property that holds a session's connection. */
    static final String KEY = "flack.connection";
    /** Frames one write takes at most. */
    private static final int GATHER = 64;
    /** {@link #phase}: nothing started, or a start has returned and its completion has not come. */
    private static final int IDLE = 0;
    /** {@link #phase}: a write is being started and has not completed. */
    private static final int STARTING = 1;
    /** {@link #phase}: the write completed before its start returned. */
    private static final int DONE = 2;

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
    private final long sendTimeoutMillis;
    private final Wire wire;
    private final Executor encoders;
    private final Executor closer;
    private final Runnable onLagging;
    private final CompletionHandler<Long, Void> whenWritten = new CompletionHandler<>() {
        @Override
        public void completed(Long bytes, Void unused) {
            written();
        }

        @Override
        public void failed(Throwable e, Void unused) {
            Connection.this.failed(e);
        }
    };
    private final ConcurrentLinkedQueue<Object> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    /** The bytes of the queued frames (shared with the other connections that send them: an upper bound). */
    private final AtomicLong queuedBytes = new AtomicLong();
    /** Held by whoever takes the next item off the queue, until nothing is left in flight. */
    private final AtomicBoolean sending = new AtomicBoolean();
    /** Whether the write in flight completed inside its start: see {@link #started}. */
    private final AtomicInteger phase = new AtomicInteger();
    private final AtomicBoolean pingQueued = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    /*
     * Only the holder of {@link #sending} uses these: the write in flight (its buffers, and the
     * frames and bytes it takes off the queue's count when done), and a frame encoded off the
     * queue that goes first.
     */
    private final ByteBuffer[] gathered = new ByteBuffer[GATHER];
    private int inFlight;
    private int inFlightFrames;
    private long inFlightBytes;
    private Frame encodedHead;

    Connection(Wire wire, LoginUser user, int slot, int maxQueue, long maxBytes, long sendTimeoutMillis,
               Executor encoders, Executor closer, Runnable onLagging) {
        this.wire = wire;
        this.user = user;
        this.slot = slot;
        this.maxQueue = maxQueue;
        this.maxBytes = maxBytes;
        this.sendTimeoutMillis = sendTimeoutMillis;
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
        if (enqueueLazily(encoder)) {
            send();
        }
    }

    /** Queues a frame made when its turn comes, like {@link #offerLazily}, without sending it; false when closed. */
    boolean enqueueLazily(Supplier<Frame> encoder) {
        if (closed.get() || !admit(0)) {
            return false;
        }
        queue.add(encoder);
        return true;
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
            queue.add(Frame.PING);
            send();
        }
    }

    /**
     * Frames waiting behind a send under way, the ones being written included: what a peer that
     * reads slowly holds up. Frames queued to leave with the next one ({@link #enqueueLazily}, a
     * reader's unread counts) wait for no write, and count only once a send takes them along.
     */
    int backlog() {
        return sending.get() ? Math.max(0, queued.get()) : 0;
    }

    /** Closes the socket, off the calling thread (a close frame to a stalled peer may wait). */
    void close(CloseReason reason) {
        if (closed.compareAndSet(false, true)) {
            queue.clear();
            closer.execute(() -> {
                try {
                    wire.close(reason);
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
     * Writes what is queued, a gathering write at a time, for as long as each completes at once.
     * Returns when the queue is empty (having given {@link #sending} back), or when a write is
     * left in flight: its completion calls this again. Only the holder of {@link #sending} runs it.
     */
    private void pump() {
        while (!closed.get()) {
            inFlight = 0;
            inFlightFrames = 0;
            inFlightBytes = 0;
            if (encodedHead != null) {
                gather(encodedHead);
                encodedHead = null;
            }
            // The head as last looked at: what the choice below goes by. Looking again could find a
            // frame queued since, which the encoder pool would take for one to encode.
            Object next = null;
            Frame frame;
            while (inFlight < GATHER && (frame = encoded(next = queue.peek())) != null) {
                queue.poll();
                if (frame != next && !admitEncoded(frame)) {
                    return;
                }
                gather(frame);
            }
            if (inFlight > 0) {
                if (!started()) {
                    return;
                }
            } else if (next != null) {
                encoders.execute(this::encodeAndPump);
                return;
            } else {
                sending.set(false);
                if (queue.isEmpty() || !sending.compareAndSet(false, true)) {
                    return;
                }
            }
        }
    }

    /**
     * What a queued item writes without encoding: a frame, or a shared frame that another
     * connection has encoded already (its bytes were not counted when it was queued); null when
     * it is still to be encoded.
     */
    private static Frame encoded(Object queued) {
        if (queued instanceof Frame frame) {
            return frame;
        }
        return queued instanceof Frame.Lazy lazy ? lazy.encoded() : null;
    }

    /** Adds a frame taken off the queue to the next write. */
    private void gather(Frame frame) {
        gathered[inFlight++] = frame.wire();
        if (frame == Frame.PING) {
            pingQueued.set(false);
        } else {
            inFlightFrames++;
            inFlightBytes += frame.size();
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
        if (admitEncoded(frame)) {
            encodedHead = frame;
            pump();
        }
    }

    /**
     * Counts in the bytes of a frame encoded after it was queued (its size was not known then);
     * false, with the connection closed, when that passes the byte bound.
     */
    private boolean admitEncoded(Frame frame) {
        if (queuedBytes.addAndGet(frame.size()) > maxBytes) {
            tooFarBehind();
            return false;
        }
        return true;
    }

    /**
     * Starts writing the gathered frames; true when that completed before returning (the caller
     * goes on), false when it is in flight (its completion goes on). When one of Tomcat's own
     * writes holds the socket, the write waits for it on the closer pool instead.
     */
    private boolean started() {
        phase.set(STARTING);
        try {
            if (!wire.write(gathered, inFlight, false, sendTimeoutMillis, whenWritten)) {
                phase.set(IDLE);
                closer.execute(this::writeAfterOthers);
                return false;
            }
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

    private void writeAfterOthers() {
        try {
            wire.write(gathered, inFlight, true, sendTimeoutMillis, whenWritten);
        } catch (RuntimeException e) {
            failed(e);
        }
    }

    private void written() {
        Arrays.fill(gathered, 0, inFlight, null);
        queued.addAndGet(-inFlightFrames);
        queuedBytes.addAndGet(-inFlightBytes);
        if (!phase.compareAndSet(STARTING, DONE)) {
            pump();
        }
    }

    private void failed(Throwable e) {
        if (!closed.get()) {
            LOG.info("Socket closed: a write failed or made no progress in time (" + e + ")");
            onLagging.run();
            close(new CloseReason(CloseReason.CloseCodes.TRY_AGAIN_LATER, "send failed"));
        }
    }
}
