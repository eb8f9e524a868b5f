package chat.flack.bench;

import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.BitSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * One benchmark connection. The listener's callbacks for one socket come one at a time, so the
 * per-connection state (the partial frame, the sequence numbers seen) needs no lock; what is
 * shared lives in its {@link Channel} and {@link Deliveries}. Receivers do the least possible
 * work per frame: take the time, read the payload's send time and number, count.
 */
final class Client implements WebSocket.Listener, Payload.Sink {

    /** The close codes (RFC 6455) with which Flack drops a receiver that fell behind. */
    static final class WebSocketCloseCodes {
        static final int GOING_AWAY = 1001;
        static final int TRY_AGAIN_LATER = 1013;

        private WebSocketCloseCodes() {
        }
    }

    enum Role {
        /** Sends the benchmark's messages; what it receives is ignored. */
        SENDER,
        /** Counts the messages it receives and their latency. */
        RECEIVER,
        /** Never reads its socket. */
        STALLED
    }

    final Role role;
    final String name;
    /** The index of the node this client logs in and opens its socket on (see {@link Target#urls()}). */
    final int node;
    /** The channel this client joins, sends in and counts deliveries for. */
    final Channel channel;
    /** Whether this client creates its channel before joining it. */
    final boolean createsChannel;
    /** The session cookie header of a target with logins, or null. */
    volatile String cookie;
    /** Where a receiver counts what it gets; null while it should ignore messages. */
    volatile Deliveries deliveries;

    final CompletableFuture<Void> joined = new CompletableFuture<>();
    /** The first {@code channels} frame of a target that sends one. */
    final CompletableFuture<String> channels = new CompletableFuture<>();
    final CompletableFuture<Integer> closed = new CompletableFuture<>();

    private final Target target;
    private final BitSet seen = new BitSet();
    /** While reading back after a reconnection: what was seen before it; null otherwise. */
    private BitSet seenBefore;
    private boolean overlaps;
    private final StringBuilder partial = new StringBuilder();
    private volatile WebSocket socket;
    private CompletableFuture<?> lastSend = CompletableFuture.completedFuture(null);

    Client(Target target, Role role, String name, int node, Channel channel, boolean createsChannel) {
        this.target = target;
        this.role = role;
        this.name = name;
        this.node = node;
        this.channel = channel;
        this.createsChannel = createsChannel;
    }

    void attach(WebSocket socket) {
        this.socket = socket;
    }

    /**
     * Queues a frame behind this client's earlier ones (the WebSocket API allows one send in
     * flight); {@code counted} frames add to its channel's sent count once written.
     */
    synchronized CompletableFuture<?> send(String frame, boolean counted) {
        WebSocket ws = socket;
        lastSend = lastSend.thenCompose(x -> ws.sendText(frame, true)).whenComplete((x, failure) -> {
            if (failure == null && counted) {
                channel.sent.increment();
            }
        });
        return lastSend;
    }

    synchronized CompletableFuture<?> lastSend() {
        return lastSend;
    }

    /** Starts reading a stalled client's socket again. */
    void release() {
        WebSocket ws = socket;
        if (ws != null) {
            ws.request(Long.MAX_VALUE);
        }
    }

    /** Drops the connection without a closing handshake. */
    void abort() {
        WebSocket ws = socket;
        if (ws != null) {
            ws.abort();
        }
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        if (role != Role.STALLED) {
            webSocket.request(Long.MAX_VALUE);
        }
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        if (!last) {
            partial.append(data);
            return null;
        }
        if (partial.isEmpty()) {
            target.read(data, this);
        } else {
            target.read(partial.append(data), this);
            partial.setLength(0);
        }
        return null;
    }

    @Override
    public void payload(long sentNanos, long seq) {
        long now = Payload.now();
        Deliveries d = deliveries;
        if (role != Role.RECEIVER || d == null) {
            return;
        }
        if (!channel.carries(seq)) {
            d.misdelivered();
        } else if (seen.get((int) seq)) {
            d.duplicated();
        } else {
            seen.set((int) seq);
            d.delivered(sentNanos, now);
        }
    }

    /** Starts reading back after a reconnection: the history pages come next. */
    void recovering() {
        seenBefore = (BitSet) seen.clone();
    }

    boolean isRecovering() {
        return seenBefore != null;
    }

    /**
     * Takes one message of a history page read back: a first delivery counts as recovered, one
     * seen before the reconnection means the pages have reached what this client had.
     */
    void readBack(long sentNanos, long seq) {
        Deliveries d = deliveries;
        if (d == null || role != Role.RECEIVER) {
            return;
        }
        if (!channel.carries(seq)) {
            d.misdelivered();
        } else if (seenBefore.get((int) seq)) {
            overlaps = true;
        } else if (!seen.get((int) seq)) {
            seen.set((int) seq);
            d.recovered(sentNanos, Payload.now());
        }
    }

    /** Ends a page read back; true when it reached what this client had before, so reading back is done. */
    boolean pageDone(boolean beginning) {
        boolean done = overlaps || beginning;
        overlaps = false;
        if (done) {
            seenBefore = null;
        }
        return done;
    }

    /** The server says this client is in the channel. */
    void joinedChannel() {
        joined.complete(null);
    }

    void error(String code, String ref) {
        channel.errors.record(code, ref);
        if ("join".equals(ref)) {
            joined.completeExceptionally(new IllegalStateException("join refused: " + code));
        }
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        if (role == Role.RECEIVER && deliveries != null && target.recovers()
                && (statusCode == WebSocketCloseCodes.GOING_AWAY || statusCode == WebSocketCloseCodes.TRY_AGAIN_LATER)) {
            target.reopen(this).exceptionally(failure -> {
                channel.errors.record("reconnect-failed", null);
                return null;
            });
        }
        closed.complete(statusCode);
        joined.completeExceptionally(new IllegalStateException("closed " + statusCode + " " + reason));
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closed.complete(-1);
        joined.completeExceptionally(error);
    }
}
