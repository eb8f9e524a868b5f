package chat.flack.it;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

import java.io.StringReader;
import java.net.URI;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * A real WebSocket client on {@code /socket} that collects the frames it receives. The
 * {@code presence} frames, which the server pushes whenever anybody comes or goes, and the
 * {@code unread} frames, pushed while the counts change, are kept apart ({@link #awaitPresence},
 * {@link #awaitUnread}), so that the other helpers see only what the test caused.
 */
public final class Sock implements WebSocket.Listener, AutoCloseable {

    public static final Duration WAIT = Duration.ofSeconds(10);

    private final BlockingQueue<JsonObject> frames = new LinkedBlockingQueue<>();
    private final BlockingQueue<JsonObject> presence = new LinkedBlockingQueue<>();
    private final BlockingQueue<JsonObject> unread = new LinkedBlockingQueue<>();
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private final StringBuilder partial = new StringBuilder();
    private volatile Throwable error;
    private WebSocket ws;

    static Sock open(Client client, String origin) {
        Sock sock = new Sock();
        try {
            sock.ws = handshake(client, origin, sock).get(20, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new HandshakeRefused(e.getCause());
        } catch (InterruptedException | TimeoutException e) {
            throw new IllegalStateException("the handshake did not finish", e);
        }
        return sock;
    }

    /** Starts a handshake; the future fails when the server refuses it. */
    public static CompletableFuture<WebSocket> handshake(Client client, String origin, WebSocket.Listener listener) {
        URI uri = URI.create(client.base.toString().replaceFirst("^http", "ws")).resolve("socket");
        WebSocket.Builder builder = client.http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10));
        if (origin != null) {
            builder.header("Origin", origin);
        }
        return builder.buildAsync(uri, listener);
    }

    /** The HTTP status of a refused handshake. */
    public static int refusedStatus(Throwable failure) {
        Throwable t = failure;
        while (t != null && !(t instanceof WebSocketHandshakeException)) {
            t = t.getCause();
        }
        if (t == null) {
            fail("expected a refused handshake, got " + failure);
        }
        return ((WebSocketHandshakeException) t).getResponse().statusCode();
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            JsonObject f = Json.createReader(new StringReader(partial.toString())).readObject();
            String type = f.getString("type", null);
            ("presence".equals(type) ? presence : "unread".equals(type) ? unread : frames).add(f);
            partial.setLength(0);
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closed.complete(statusCode);
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        this.error = error;
        closed.complete(-1);
    }

    public void send(String text) {
        ws.sendText(text, true).join();
    }

    public void send(JsonObjectBuilder frame) {
        send(frame.build().toString());
    }

    public static JsonObjectBuilder frame(String type) {
        return Json.createObjectBuilder().add("type", type);
    }

    public void create(String channel) {
        send(frame("create").add("channel", channel));
    }

    /** Creates {@code channel} and waits until the channel list this socket is sent holds it. */
    public void createAndAwait(String channel) {
        create(channel);
        await(f -> f.getString("type").equals("channels")
                && f.getJsonArray("channels").toString().contains("\"" + channel + "\""), "the new channel");
    }

    /** Joins and returns the {@code history} reply. */
    public JsonObject join(String channel) {
        send(frame("join").add("channel", channel));
        return await("history");
    }

    public void say(String channel, String text) {
        send(frame("send").add("channel", channel).add("text", text));
    }

    public void say(String channel, String text, String clientId) {
        send(frame("send").add("channel", channel).add("text", text).add("clientId", clientId));
    }

    /** The next frame, failing after {@link #WAIT}. */
    public JsonObject next() {
        try {
            JsonObject f = frames.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            if (f == null) {
                fail("no frame arrived within " + WAIT);
            }
            return f;
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Skips frames until one of {@code type} arrives, and returns it. */
    public JsonObject await(String type) {
        return await(f -> f.getString("type").equals(type), type);
    }

    public JsonObject await(Predicate<JsonObject> wanted, String what) {
        List<JsonObject> seen = until(wanted, what);
        return seen.get(seen.size() - 1);
    }

    /** Every frame up to and including the first that is {@code wanted}. */
    public List<JsonObject> until(Predicate<JsonObject> wanted, String what) {
        return until(frames, wanted, what);
    }

    private List<JsonObject> until(BlockingQueue<JsonObject> queue, Predicate<JsonObject> wanted, String what) {
        List<JsonObject> skipped = new ArrayList<>();
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                JsonObject f = queue.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                if (f == null) {
                    break;
                }
                skipped.add(f);
                if (wanted.test(f)) {
                    return skipped;
                }
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }
        return fail("no " + what + " arrived within " + WAIT + "; got " + skipped + "; " + state());
    }

    /** What a failure adds: whether the socket is open, and what else it received. */
    private String state() {
        String socket = closed.isDone() ? "closed (" + closed.join() + why() + ")" : "open";
        return "socket " + socket + ", not taken yet: " + presence.size() + " presence and " + unread.size()
                + " unread frame(s)";
    }

    /** The error the client closed the socket for, with its cause: the JDK's ProtocolException names it only there. */
    private String why() {
        Throwable e = error;
        if (e == null) {
            return "";
        }
        return ", " + e + (e.getCause() == null ? "" : " (" + e.getCause() + ")");
    }

    /** Skips {@code presence} frames until one is {@code wanted}, and returns it. */
    public JsonObject awaitPresence(Predicate<JsonObject> wanted, String what) {
        List<JsonObject> seen = until(presence, wanted, "presence frame with " + what);
        return seen.get(seen.size() - 1);
    }

    /** Skips {@code unread} frames until one is {@code wanted}, and returns it. */
    public JsonObject awaitUnread(Predicate<JsonObject> wanted, String what) {
        List<JsonObject> seen = until(unread, wanted, "unread frame with " + what);
        return seen.get(seen.size() - 1);
    }

    /** Waits for an {@code error} frame and checks its code and ref. */
    public JsonObject awaitError(String code, String ref) {
        JsonObject error = await("error");
        assertThat(error.getString("code")).as("error %s", error).isEqualTo(code);
        if (ref == null) {
            assertThat(error.isNull("ref")).as("ref of %s", error).isTrue();
        } else {
            assertThat(error.getString("ref")).isEqualTo(ref);
        }
        assertThat(error.getString("message")).isNotBlank();
        return error;
    }

    /** Asserts that no frame arrives for {@code quiet}, and returns nothing. */
    public void assertSilentFor(Duration quiet) {
        try {
            JsonObject f = frames.poll(quiet.toMillis(), TimeUnit.MILLISECONDS);
            assertThat(f).as("an unexpected frame").isNull();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The frames that arrive until none has for {@code quiet}. */
    public List<JsonObject> collectUntilQuietFor(Duration quiet) {
        List<JsonObject> out = new ArrayList<>();
        try {
            JsonObject f;
            while ((f = frames.poll(quiet.toMillis(), TimeUnit.MILLISECONDS)) != null) {
                out.add(f);
            }
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }

    /** The frames that arrived and were not taken yet, without waiting. */
    public List<JsonObject> drain() {
        List<JsonObject> out = new ArrayList<>();
        frames.drainTo(out);
        return out;
    }

    /** The {@code presence} frames that arrived and were not taken yet, without waiting. */
    public List<JsonObject> drainPresence() {
        List<JsonObject> out = new ArrayList<>();
        presence.drainTo(out);
        return out;
    }

    /** The close code the server sent, waiting for it. */
    public int awaitClose() {
        try {
            return closed.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException | ExecutionException | TimeoutException e) {
            return fail("the server did not close the socket within " + WAIT);
        }
    }

    public boolean isClosed() {
        return closed.isDone();
    }

    @Override
    public void close() {
        if (ws != null && !ws.isOutputClosed()) {
            ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
        }
    }

    /** The server refused the handshake. */
    public static final class HandshakeRefused extends RuntimeException {
        HandshakeRefused(Throwable cause) {
            super(cause);
        }
    }
}
