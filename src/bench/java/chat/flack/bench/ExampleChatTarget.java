package chat.flack.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Tomcat's own example chat ({@code /examples/websocket/chat} of the examples webapp): no login,
 * one room, every connection gets every text as {@code "Guest<N>: <text>"}, and
 * {@code "* Guest<N> has joined."} when anyone connects. The payload rides in the text.
 */
final class ExampleChatTarget implements Target {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final HttpClient http;
    private final URI url;
    private final URI socket;
    private final String origin;

    ExampleChatTarget(HttpClient http, URI url) {
        this.http = http;
        this.url = url;
        this.socket = URI.create("ws" + url.toString().substring("http".length())).resolve("examples/websocket/chat");
        this.origin = url.getScheme() + "://" + url.getRawAuthority();
    }

    @Override
    public String name() {
        return Options.TOMCAT_EXAMPLE;
    }

    @Override
    public List<URI> urls() {
        return List.of(url);
    }

    @Override
    public CompletableFuture<Void> open(Client client) {
        return http.newWebSocketBuilder()
                .connectTimeout(TIMEOUT)
                .header("Origin", origin)
                .buildAsync(socket, client)
                .thenAccept(ws -> {
                    client.attach(ws);
                    if (client.role == Client.Role.STALLED) {
                        client.joinedChannel();
                    }
                });
    }

    @Override
    public CompletableFuture<Void> channelOnEveryNode(Client creator) {
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public String sendFrame(Client sender, String text, long seq) {
        return text;
    }

    @Override
    public void read(CharSequence frame, Client client) {
        int n = frame.length();
        if (n > 0 && frame.charAt(0) == '*') {
            // "* GuestN has joined.": the server adds a connection before announcing it, so the
            // first announcement a client sees means it is in the room.
            client.joinedChannel();
            return;
        }
        for (int i = 0; i + 1 < n; i++) {
            if (frame.charAt(i) == ':' && frame.charAt(i + 1) == ' ') {
                Payload.read(frame, i + 2, client);
                return;
            }
        }
    }

    @Override
    public CompletableFuture<Void> release(Client client) {
        client.abort();
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public double sendsPerSecondPerSender() {
        return Double.POSITIVE_INFINITY;
    }
}
