package chat.flack.run;

import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The README's run command ({@code ./mvnw -DskipTests package exec:java@run}): Flack on the real
 * Tomcat distribution, in a JVM of its own that writes to this terminal.
 *
 * <p>It starts Tomcat on the distribution the build unpacked (CATALINA_HOME) and the
 * CATALINA_BASE the build laid out (Flack as {@code ROOT.war}, nothing else), and waits until
 * Flack answers {@code /health} with 200. When Flack does not start (Tomcat serves but Flack's
 * context failed, so {@code /health} is 404, or Tomcat ended) it stops Tomcat and exits with 1:
 * a bad setting ends the run after Flack's one line. On Ctrl-C (which reaches Tomcat too) or
 * SIGTERM, its shutdown hook sends Tomcat SIGTERM and waits until Tomcat has stopped Flack; the
 * exit status is then the signal's, 128 + its number: 130 for Ctrl-C, 143 for SIGTERM.
 *
 * <p>Arguments: CATALINA_HOME, CATALINA_BASE, the HTTP port, the data folder. A system property
 * named like a setting ({@code FLACK_*}, {@code UPLOAD_FOLDER}; {@code -D} on Maven's command
 * line) is passed on to Tomcat, where it wins over the environment variable as usual.
 */
public final class Launcher {

    private static final Duration STOP_BOUND = Duration.ofSeconds(60);

    /** Set by the shutdown hook, which then owns Tomcat's stop: the main thread says nothing more. */
    private static volatile boolean stopping;

    private Launcher() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        if (args.length != 4) {
            System.err.println("usage: Launcher CATALINA_HOME CATALINA_BASE PORT DATA_DIR");
            System.exit(2);
        }
        Path home = Path.of(args[0]).toAbsolutePath();
        Path base = Path.of(args[1]).toAbsolutePath();
        int port = Integer.parseInt(args[2]);
        Path data = Path.of(args[3]).toAbsolutePath();
        if (inUse(port)) {
            System.err.println("Port " + port + " is in use (another Flack?); choose another with -Dflack.port=...");
            System.exit(1);
        }

        Process tomcat = new ProcessBuilder(command(home, base, port, data)).inheritIO().start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stopping = true;
            stop(tomcat);
        }, "flack-launcher-stop"));

        boolean started = awaitFlack(tomcat, port);
        if (!started && !stopping) {
            stop(tomcat);
            System.err.println("Flack did not start (Tomcat's lines above say why); Tomcat is stopped.");
            System.exit(1);
        }
        if (started && !stopping) {
            System.out.println("Flack is at http://localhost:" + port + "/ (Ctrl-C stops it)");
        }
        // Never returns to the caller (Maven would report a build result): the status is Tomcat's
        // when Tomcat ends by itself, and the signal's when the shutdown hook is already stopping it
        // (System.exit then waits for the hook).
        System.exit(tomcat.waitFor());
    }

    /** Whether something listens on the port, which would answer the health check in Flack's stead. */
    private static boolean inUse(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(port));
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    private static List<String> command(Path home, Path base, int port, Path data) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // The heap of the benchmark's results (docs/benchmark.md).
                "-Xms128m", "-Xmx512m",
                // Tomcat's WebSocket buffers (read, output, encoder) of 512 bytes instead of 8 KiB, per
                // connection (Flack writes its frames itself, and takes text in parts).
                "-Dorg.apache.tomcat.websocket.DEFAULT_BUFFER_SIZE=512",
                // What catalina.sh adds, so that Tomcat's leak prevention can reach into the JDK.
                "--add-opens=java.base/java.lang=ALL-UNNAMED",
                "--add-opens=java.base/java.io=ALL-UNNAMED",
                "--add-opens=java.base/java.util=ALL-UNNAMED",
                "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
                "--add-opens=java.rmi/sun.rmi.transport=ALL-UNNAMED",
                // Tomcat's log manager, which its shutdown hook closes only after Flack's last line.
                "-Djava.util.logging.manager=org.apache.juli.ClassLoaderLogManager",
                "-Djava.util.logging.config.file=" + base.resolve("conf/logging.properties"),
                "-Djava.protocol.handler.pkgs=org.apache.catalina.webresources",
                // A port in use ends Tomcat rather than leaving it running without a connector.
                "-Dorg.apache.catalina.startup.EXIT_ON_INIT_FAILURE=true",
                "-Dcatalina.home=" + home,
                "-Dcatalina.base=" + base,
                "-Djava.io.tmpdir=" + base.resolve("temp"),
                "-Dflack.port=" + port,
                "-DFLACK_DATA_DIR=" + data));
        System.getProperties().stringPropertyNames().stream()
                .filter(name -> name.startsWith("FLACK_") || name.equals("UPLOAD_FOLDER"))
                .sorted()
                .forEach(name -> command.add("-D" + name + "=" + System.getProperty(name)));
        command.addAll(List.of(
                "-classpath", home.resolve("bin/bootstrap.jar") + File.pathSeparator + home.resolve("bin/tomcat-juli.jar"),
                "org.apache.catalina.startup.Bootstrap", "start"));
        return command;
    }

    /**
     * Whether Flack answered {@code /health} with 200; false once Tomcat serves without Flack
     * (404: its context failed to start; Tomcat opens its port only after deploying) or has ended.
     * A 503 is Flack starting, or waiting for its database, and is waited out.
     */
    private static boolean awaitFlack(Process tomcat, int port) throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
                .timeout(Duration.ofSeconds(5)).build();
        while (!tomcat.waitFor(250, TimeUnit.MILLISECONDS)) {
            int status;
            try {
                status = http.send(health, HttpResponse.BodyHandlers.discarding()).statusCode();
            } catch (IOException notListeningYet) {
                continue;
            }
            if (status == 200) {
                return true;
            }
            if (status == 404) {
                return false;
            }
        }
        return false;
    }

    /** SIGTERM, whose shutdown hook in Tomcat stops Flack (every accepted message stored), then waits for it. */
    private static void stop(Process tomcat) {
        tomcat.destroy();
        try {
            if (!tomcat.waitFor(STOP_BOUND.toSeconds(), TimeUnit.SECONDS)) {
                System.err.println("Tomcat did not stop within " + STOP_BOUND.toSeconds() + " s; killing it.");
                tomcat.destroyForcibly();
            }
        } catch (InterruptedException e) {
            tomcat.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
