package chat.flack.bench;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Flack over its real protocol (PROTOCOL.md): {@code POST /newuser} for a session cookie, then
 * {@code /socket} with that cookie and the page's origin, {@code create}/{@code join} the
 * client's channel, {@code send} with a {@code clientId}. Every client is its own user, logged in on its
 * own node; with several nodes (sharing PostgreSQL and Redis) a message sent through any node
 * reaches the members on every node. Unless forced, it refuses a server that holds channels
 * other than the benchmark's own ({@code bench-}...): its channels and logins would show to real users.
 */
final class FlackTarget implements Target {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final long POLL_MILLIS = 20;

    private final HttpClient http;
    private final List<Node> nodes;
    private final boolean force;

    /** One Flack node: its base URL, its socket and the origin of its pages. */
    private record Node(URI url, URI socket, String origin) {
        static Node at(URI url) {
            return new Node(url, URI.create("ws" + url.toString().substring("http".length())).resolve("socket"),
                    url.getScheme() + "://" + url.getRawAuthority());
        }
    }

    FlackTarget(HttpClient http, List<URI> urls, boolean force) {
        this.http = http;
        this.nodes = urls.stream().map(Node::at).toList();
        this.force = force;
    }

    @Override
    public String name() {
        return Options.FLACK;
    }

    @Override
    public List<URI> urls() {
        return nodes.stream().map(Node::url).toList();
    }

    @Override
    public CompletableFuture<Void> open(Client client) {
        Node node = nodes.get(client.node);
        HttpRequest login = HttpRequest.newBuilder(node.url.resolve("newuser"))
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
                            .header("Origin", node.origin)
                            .buildAsync(node.socket, client);
                })
                .thenCompose(ws -> {
                    client.attach(ws);
                    return client.createsChannel ? client.channels.thenAccept(this::requireOwnServer)
                            .thenCompose(x -> client.send(frame("create", client), false))
                            : CompletableFuture.completedFuture(null);
                })
                .thenCompose(x -> client.send(frame("join", client), false))
                .thenRun(() -> {
                    if (client.role == Client.Role.STALLED) {
                        client.joinedChannel();
                    }
                });
    }

    @Override
    public boolean recovers() {
        return true;
    }

    @Override
    public CompletableFuture<Void> reopen(Client client) {
        Node node = nodes.get(client.node);
        return http.newWebSocketBuilder()
                .connectTimeout(TIMEOUT)
                .header("Cookie", client.cookie)
                .header("Origin", node.origin)
                .buildAsync(node.socket, client)
                .thenAccept(ws -> {
                    client.attach(ws);
                    client.recovering();
                    client.send(frame("join", client), false);
                });
    }

    /** Refuses, unless forced, a server whose channel list holds a channel the benchmark did not make. */
    void requireOwnServer(String channelsFrame) {
        if (force) {
            return;
        }
        for (int at = channelsFrame.indexOf("\"name\":\""); at >= 0; at = channelsFrame.indexOf("\"name\":\"", at + 1)) {
            String name = channelsFrame.substring(at + 8, channelsFrame.indexOf('"', at + 8));
            if (!name.startsWith(Roster.CHANNEL_PREFIX)) {
                throw new IllegalStateException("the server has channels of its own (e.g. '" + name + "'): its users"
                        + " would see the benchmark's channel and logins; run against a Flack of its own, or pass --force");
            }
        }
    }

    /** Asks each other node, with the creator's login (valid on every node), until it knows the creator's channel. */
    @Override
    public CompletableFuture<Void> channelOnEveryNode(Client creator) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        Node home = nodes.get(creator.node);
        return CompletableFuture.allOf(nodes.stream()
                .filter(n -> !n.equals(home))
                .map(n -> knowsChannel(n, creator.channel.name, creator.cookie, deadline))
                .toArray(CompletableFuture[]::new));
    }

    /** Polls {@code GET /checkchannel} on {@code node} until the channel's name is taken there. */
    private CompletableFuture<Void> knowsChannel(Node node, String channel, String cookie, long deadline) {
        HttpRequest check = HttpRequest.newBuilder(node.url.resolve("checkchannel?name=" + channel))
                .timeout(TIMEOUT)
                .header("Cookie", cookie)
                .header("Accept", "application/json")
                .GET()
                .build();
        return http.sendAsync(check, HttpResponse.BodyHandlers.ofString()).thenCompose(response -> {
            if (response.statusCode() == 200 && response.body().contains("\"available\":false")) {
                return CompletableFuture.completedFuture(null);
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(node.url + " did not learn of channel " + channel + " within "
                        + TIMEOUT.toSeconds() + " s (does it share the first node's database and Redis?); it answered "
                        + response.statusCode() + " " + response.body());
            }
            return CompletableFuture.runAsync(() -> { }, CompletableFuture.delayedExecutor(POLL_MILLIS,
                    TimeUnit.MILLISECONDS)).thenCompose(x -> knowsChannel(node, channel, cookie, deadline));
        });
    }

    @Override
    public String sendFrame(Client sender, String text, long seq) {
        // Names and payloads hold no character that JSON escapes, so plain concatenation is exact.
        return "{\"type\":\"send\",\"channel\":\"" + sender.channel.name + "\",\"text\":\"" + text
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
            if (client.isRecovering()) {
                readBack(f, client);
            } else {
                client.joinedChannel();
            }
        } else if (f.contains("\"type\":\"channels\"")) {
            client.channels.complete(f);
        } else if (f.contains("\"type\":\"error\"")) {
            client.error(stringField(f, "code"), stringField(f, "ref"));
        }
    }

    /**
     * Takes a history page read back after a reconnection, and asks for the page before it
     * until the pages reach what the client had (or the channel's beginning).
     */
    private void readBack(String page, Client client) {
        int count = 0;
        for (int at = page.indexOf("\"text\":\""); at >= 0; at = page.indexOf("\"text\":\"", at + 1)) {
            Payload.read(page, at + 8, client::readBack);
            count++;
        }
        int messages = page.indexOf("\"messages\":[");
        long oldest = messages < 0 ? -1 : numberField(page, "\"id\":", messages);
        boolean beginning = count < numberField(page, "\"limit\":", 0) || oldest <= 0;
        if (!client.pageDone(beginning)) {
            client.send("{\"type\":\"older\",\"channel\":\"" + client.channel.name + "\",\"before\":" + oldest
                    + "}", false);
        }
    }

    /** The whole number right after the first {@code key} from {@code from} on in {@code frame}, or -1. */
    private static long numberField(String frame, String key, int from) {
        int at = frame.indexOf(key, from);
        if (at < 0) {
            return -1;
        }
        long n = 0;
        int i = at + key.length();
        int start = i;
        while (i < frame.length() && Character.isDigit(frame.charAt(i))) {
            n = n * 10 + (frame.charAt(i++) - '0');
        }
        return i == start ? -1 : n;
    }

    @Override
    public CompletableFuture<Void> release(Client client) {
        if (client.cookie == null) {
            return CompletableFuture.completedFuture(null);
        }
        HttpRequest logout = HttpRequest.newBuilder(nodes.get(client.node).url.resolve("logout"))
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

    private static String frame(String type, Client client) {
        return "{\"type\":\"" + type + "\",\"channel\":\"" + client.channel.name + "\"}";
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
