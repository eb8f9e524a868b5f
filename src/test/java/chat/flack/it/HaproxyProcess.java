package chat.flack.it;


import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/**
 * Debian's HAProxy in front of Flack's nodes, as docker/haproxy.cfg has it (HTTP mode, round
 * robin, {@code GET /health} checks, no stickiness), on loopback ports, in the foreground as a
 * child process. Besides the balancer it has a stats page (to see which nodes it counts as up)
 * and writes one line a request to its log, as soon as the node's answer starts: which node
 * served it, the status, method and path, so that a test can tell where a browser's request went.
 */
final class HaproxyProcess implements AutoCloseable {

    static final Path HAPROXY = Path.of("/usr/sbin/haproxy");
    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final Duration POLL = Duration.ofMillis(100);

    private final Path dir;
    private final int port = TomcatProcess.freePort();
    private final int statsPort = TomcatProcess.freePort();
    private final Map<String, TomcatProcess> nodes;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private Process process;

    /**
     * @param name  a folder name of its own under {@code target/processes}
     * @param nodes the backend's servers by the names HAProxy gives them
     */
    HaproxyProcess(String name, Map<String, TomcatProcess> nodes) throws IOException {
        this.dir = Path.of(System.getProperty("flack.processes", "target/processes")).resolve(name).toAbsolutePath();
        this.nodes = new LinkedHashMap<>(nodes);
        Files.createDirectories(dir);
    }

    /** Fails the calling test when HAProxy is missing under CI ({@code CI=true}), skips it elsewhere. */
    static void requireHaproxy() {
        if (Files.isExecutable(HAPROXY)) {
            return;
        }
        Missing.skipOrFail(HAPROXY + " is missing; install it with: apt-get install haproxy");
    }

    /** The balancer's URL, the only one a browser of the test is given. */
    URL url() {
        try {
            return URI.create("http://127.0.0.1:" + port + "/").toURL();
        } catch (java.net.MalformedURLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes the configuration, starts HAProxy and waits until it counts every node as up. */
    void start() throws IOException {
        StringBuilder servers = new StringBuilder();
        nodes.forEach((name, node) -> servers.append("    server ").append(name).append(" 127.0.0.1:")
                .append(node.url().getPort()).append('\n'));
        Path cfg = dir.resolve("haproxy.cfg");
        Files.writeString(cfg, """
                global
                    maxconn 256
                    log stdout format raw local0 info

                defaults
                    mode http
                    log global
                    timeout connect 2s
                    timeout check 2s
                    timeout client 60s
                    timeout server 60s
                    timeout tunnel 1h
                    retries 2
                    option redispatch

                frontend chat
                    bind 127.0.0.1:%d
                    option logasap
                    log-format "served node=%%s status=%%ST method=%%HM path=%%HP"
                    default_backend flack

                backend flack
                    balance roundrobin
                    option httpchk GET /health
                    http-check expect status 200
                    default-server check inter 500ms fall 2 rise 2
                %s
                frontend stats
                    bind 127.0.0.1:%d
                    no log
                    stats enable
                    stats uri /stats
                """.formatted(port, servers, statsPort));
        process = new ProcessBuilder(HAPROXY.toString(), "-db", "-f", cfg.toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log().toFile()))
                .start();
        await("HAProxy counting " + nodes.keySet() + " as up; see " + log()).atMost(PATIENCE).pollInterval(POLL)
                .until(() -> {
                    if (!process.isAlive()) {
                        throw new IllegalStateException("HAProxy ended: " + Files.readString(log()));
                    }
                    return nodes.keySet().stream().allMatch(n -> "UP".equals(status().get(n)));
                });
    }

    /** What HAProxy says of each server of the backend now ("UP", "DOWN", ...), by name. */
    Map<String, String> status() {
        HttpResponse<String> r;
        try {
            r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + statsPort + "/stats;csv"))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            return Map.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Map.of();
        }
        String[] lines = r.body().split("\n");
        List<String> header = Arrays.asList(lines[0].replaceFirst("^# ", "").split(","));
        int proxy = header.indexOf("pxname");
        int server = header.indexOf("svname");
        int status = header.indexOf("status");
        Map<String, String> states = new HashMap<>();
        for (String line : Arrays.copyOfRange(lines, 1, lines.length)) {
            String[] f = line.split(",", -1);
            if (f.length > status && f[proxy].equals("flack") && nodes.containsKey(f[server])) {
                states.put(f[server], f[status]);
            }
        }
        return states;
    }

    /** A request as HAProxy logged it: the node that served it ({@code <NOSRV>} for none), status, method, path. */
    record Served(String node, int status, String method, String path) {
    }

    /** Every request HAProxy logged so far, oldest first. */
    List<Served> served() throws IOException {
        return Files.readAllLines(log()).stream()
                .filter(line -> line.startsWith("served "))
                .map(line -> {
                    Map<String, String> f = new HashMap<>();
                    for (String part : line.substring("served ".length()).split(" ")) {
                        int eq = part.indexOf('=');
                        f.put(part.substring(0, eq), part.substring(eq + 1));
                    }
                    return new Served(f.get("node"), Integer.parseInt(f.get("status")), f.get("method"),
                            f.get("path"));
                })
                .toList();
    }

    Path log() {
        return dir.resolve("haproxy.log");
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }
}
