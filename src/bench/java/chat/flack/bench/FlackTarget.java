package chat.flack.bench;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Flack over its real protocol (PROTOCOL.md): {@code POST /newuser} for a session cookie, then
 * {@code /socket} with that cookie and the page's origin, {@code create}/{@code join} the
 * channel, {@code send} with a {@code clientId}. Every client is its own user.
 */
final class FlackTarget implements Target {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final HttpClient http;
    private final URI url;
    private final URI socket;
    private final String origin;
    private final String channel;

    FlackTarget(HttpClient http, URI url, String channel) {
        this.http = http;
        this.url = url;
        this.socket = URI.create("ws" + url.toString().substring("http".length())).resolve("socket");
        this.origin = url.getScheme() + "://" + url.getRawAuthority();
        this.channel = channel;
    }

    @Override
    public String name() {
        return Options.FLACK;
    }

    @Override
    public URI url() {
        return url;
    }

    @Override
    public CompletableFuture<Void> open(Client client) {
        HttpRequest login = HttpRequest.newBuilder(url.resolve("newuser"))
                .timeout(TIMEOUT)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "displayname=" + URLEncoder.encode(client.name, StandardCharsets.UTF_8)))
                .build();
        return http.sendAsync(login, HttpResponse.BodyHandlers.ofString())
                .thenCompose(response -> {
                    if (response.statusCode() != 201) {
                        throw new IllegalStateException("login of " + client.name + " answered "
                                + response.statusCode() + " " + response.body());
                    }
                    client.cookie = cookieHeader(response);
                    return http.newWebSocketBuilder()
                            .connectTimeout(TIMEOUT)
                            .header("Cookie", client.cookie)
                            .header("Origin", origin)
                            .buildAsync(socket, client);
                })
                .thenCompose(ws -> {
                    client.attach(ws);
                    if (client.createsChannel) {
                        client.send(frame("create"), false);
                    }
                    return client.send(frame("join"), false);
                })
                .thenRun(() -> {
                    if (client.role == Client.Role.STALLED) {
                        client.joinedChannel();
                    }
                });
    }

    @Override
    public String sendFrame(Client sender, String text, long seq) {
        // Names and payloads hold no character that JSON escapes, so plain concatenation is exact.
        return "{\"type\":\"send\",\"channel\":\"" + channel + "\",\"text\":\"" + text
                + "\",\"clientId\":\"" + sender.name + "-" + seq + "\"}";
    }

    @Override
    public void read(CharSequence frame, Client client) {
        String f = frame.toString();
        // A quote inside a JSON string is escaped, so these keys cannot be faked by a message's text.
        if (f.contains("\"type\":\"message\"")) {
            int text = f.indexOf("\"text\":\"");
            if (text >= 0) {
                Payload.read(f, text + 8, client);
            }
        } else if (f.contains("\"type\":\"history\"")) {
            client.joinedChannel();
        } else if (f.contains("\"type\":\"error\"")) {
            client.error(stringField(f, "code"), stringField(f, "ref"));
        }
    }

    @Override
    public CompletableFuture<Void> release(Client client) {
        if (client.cookie == null) {
            return CompletableFuture.completedFuture(null);
        }
        HttpRequest logout = HttpRequest.newBuilder(url.resolve("logout"))
                .timeout(TIMEOUT)
                .header("Cookie", client.cookie)
                .POST(HttpRequest.BodyPublishers.noBody())
                .build();
        return http.sendAsync(logout, HttpResponse.BodyHandlers.discarding()).thenApply(r -> null);
    }

    @Override
    public double sendsPerSecondPerSender() {
        return 10;
    }

    private String frame(String type) {
        return "{\"type\":\"" + type + "\",\"channel\":\"" + channel + "\"}";
    }

    /** {@code name=value} of every cookie the login set, the last value of a name winning. */
    private static String cookieHeader(HttpResponse<?> response) {
        Map<String, String> cookies = new LinkedHashMap<>();
        for (String header : response.headers().allValues("set-cookie")) {
            String pair = header.split(";", 2)[0].trim();
            int eq = pair.indexOf('=');
            if (eq > 0) {
                cookies.put(pair.substring(0, eq), pair);
            }
        }
        if (cookies.isEmpty()) {
            throw new IllegalStateException("the login set no cookie");
        }
        return String.join("; ", cookies.values());
    }

    private static String stringField(String frame, String field) {
        String key = "\"" + field + "\":\"";
        int start = frame.indexOf(key);
        if (start < 0) {
            return null;
        }
        start += key.length();
        int end = frame.indexOf('"', start);
        return end < 0 ? null : frame.substring(start, end);
    }
}
