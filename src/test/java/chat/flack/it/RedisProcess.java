package chat.flack.it;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.awaitility.Awaitility.await;

/**
 * A Redis server of a test's own ({@code redis-server}, daemonized, nothing saved), on a free
 * loopback port that it keeps across a stop and a start, so that a test can take the relay
 * between Flack's nodes away and give it back while the machine's own Redis is left alone.
 */
public final class RedisProcess implements AutoCloseable {

    private static final Duration PATIENCE = Duration.ofSeconds(15);

    private final int port;
    private final Path dir;
    private final Path pidFile;

    /** @param name a folder name of its own under {@code target/processes} */
    public RedisProcess(String name) throws IOException {
        this.port = TomcatProcess.freePort();
        this.dir = Path.of(System.getProperty("flack.processes", "target/processes")).resolve(name).toAbsolutePath();
        this.pidFile = dir.resolve("redis.pid");
        Files.createDirectories(dir);
    }

    /** The URL to hand to Flack as {@code FLACK_REDIS_URL}. */
    public String url() {
        return "redis://127.0.0.1:" + port;
    }

    /**
     * Starts the server and waits until it answers {@code PING}; without {@code redis-server} on
     * the PATH, fails the calling test under CI ({@code CI=true}) and skips it elsewhere.
     */
    public void start() throws IOException, InterruptedException {
        if (Stream.of(System.getenv("PATH").split(File.pathSeparator))
                .noneMatch(folder -> Files.isExecutable(Path.of(folder, "redis-server")))) {
            Missing.skipOrFail("redis-server is not on the PATH; install it with: apt-get install redis-server");
        }
        int exit = run("redis-server", "--port", Integer.toString(port), "--bind", "127.0.0.1", "--save", "",
                "--appendonly", "no", "--daemonize", "yes", "--pidfile", pidFile.toString(),
                "--dir", dir.toString(), "--logfile", dir.resolve("redis.log").toString());
        if (exit != 0) {
            throw new IllegalStateException("redis-server exited with " + exit + "; see " + dir);
        }
        await("Redis on port " + port + " answering PING").atMost(PATIENCE).pollInterval(Duration.ofMillis(50))
                .until(this::answers);
    }

    /** Stops the server ({@code SHUTDOWN NOSAVE}) and waits until its port is closed. */
    void stop() throws IOException, InterruptedException {
        run("redis-cli", "-p", Integer.toString(port), "shutdown", "nosave");
        await("Redis on port " + port + " gone").atMost(PATIENCE).pollInterval(Duration.ofMillis(50))
                .until(() -> !listening());
    }

    /** True when the server answers {@code PING} with {@code PONG}. */
    boolean answers() {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 500);
            s.setSoTimeout(1_000);
            OutputStream out = s.getOutputStream();
            out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            byte[] reply = in.readNBytes(7);
            return new String(reply, StandardCharsets.US_ASCII).equals("+PONG\r\n");
        } catch (IOException e) {
            return false;
        }
    }

    private boolean listening() {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        if (listening()) {
            stop();
        }
    }

    private int run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("commands.log").toFile())).start();
        if (!p.waitFor(PATIENCE.toSeconds(), TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException(String.join(" ", command) + " did not finish within " + PATIENCE);
        }
        return p.exitValue();
    }
}
