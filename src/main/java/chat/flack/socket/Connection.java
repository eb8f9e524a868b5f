package chat.flack.socket;

import chat.flack.domain.LoginUser;
import jakarta.websocket.CloseReason;
import jakarta.websocket.SendHandler;
import jakarta.websocket.SendResult;
import jakarta.websocket.Session;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One open socket and its outbound queue. Any thread may {@link #offer} a frame; frames leave in
 * the order offered, one send in flight at a time (so never two concurrent writes on one
 * session). A connection whose queue passes its bound, whose send does not complete within
 * the send timeout, or that answers no ping for long, is closed: it cannot slow anybody else down.
 */
final class Connection implements SendHandler {

    private static final Logger LOG = Logger.getLogger(Connection.class.getName());
    /** Marks the thread that is inside {@code sendText} for a connection, to tell inline completions apart. */
    private static final ThreadLocal<Connection> SENDING = new ThreadLocal<>();
    private static final ByteBuffer PING = ByteBuffer.wrap(new byte[] {'f'}).asReadOnlyBuffer();

    final Session session;
    final LoginUser user;
    /** The key of the channel this connection is in, or null. */
    volatile String channel;
    /** When the peer last sent anything (a frame or a pong), in {@code System.nanoTime()}. */
    volatile long lastHeard = System.nanoTime();

    private final int maxQueue;
    private final Executor closer;
    private final Runnable onLagging;
    private final ConcurrentLinkedQueue<String> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicBoolean sending = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicBoolean pinging = new AtomicBoolean();

    Connection(Session session, LoginUser user, int maxQueue, Executor closer, Runnable onLagging) {
        this.session = session;
        this.user = user;
        this.maxQueue = maxQueue;
        this.closer = closer;
        this.onLagging = onLagging;
    }

    /** Queues a frame for this connection; closes it instead when it has fallen too far behind. */
    void offer(String frame) {
        if (closed.get()) {
            return;
        }
        if (queued.incrementAndGet() > maxQueue) {
            LOG.info("Socket closed: more than " + maxQueue + " frames waiting");
            onLagging.run();
            close(new CloseReason(CloseReason.CloseCodes.TRY_AGAIN_LATER, "too far behind"));
            return;
        }
        queue.add(frame);
        pump();
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

    boolean isClosed() {
        return closed.get();
    }

    /** Asks the peer for a pong; a peer that does not read never answers, and is then closed. */
    void ping() {
        if (closed.get() || !pinging.compareAndSet(false, true)) {
            return;
        }
        try {
            session.getAsyncRemote().sendPing(PING.duplicate());
        } catch (IOException | RuntimeException e) {
            close(new CloseReason(CloseReason.CloseCodes.GOING_AWAY, "ping failed"));
        } finally {
            pinging.set(false);
        }
    }

    private void pump() {
        while (!closed.get() && sending.compareAndSet(false, true)) {
            String next = queue.poll();
            if (next == null) {
                sending.set(false);
                if (queue.isEmpty()) {
                    return;
                }
                continue;
            }
            queued.decrementAndGet();
            SENDING.set(this);
            try {
                session.getAsyncRemote().sendText(next, this);
            } catch (RuntimeException e) {
                sending.set(false);
                close(new CloseReason(CloseReason.CloseCodes.CLOSED_ABNORMALLY, "send failed"));
                return;
            } finally {
                SENDING.remove();
            }
        }
    }

    @Override
    public void onResult(SendResult result) {
        if (!result.isOK()) {
            if (!closed.get()) {
                LOG.info("Socket closed: a send did not complete (" + result.getException() + ")");
                onLagging.run();
            }
            close(new CloseReason(CloseReason.CloseCodes.TRY_AGAIN_LATER, "send timed out"));
            return;
        }
        sending.set(false);
        if (SENDING.get() != this) {
            pump();
        }
    }
}
