package chat.flack.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Flack's WAR on the real Tomcat distribution in a process of its own (not in the test JVM),
 * so that a test can stop it, kill it with SIGKILL, and start it again on the same data.
 */
final class TomcatProcess implements AutoCloseable {

    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

    private final Path base;
    private final int port;
    private final Map<String, String> env;
    private Process process;

    /**
     * @param name a folder name of its own under {@code target/processes}
     * @param env  Flack settings, added to the environment of the Tomcat process
     */
    TomcatProcess(String name, Map<String, String> env) throws IOException {
        this(name, env, false);
    }

    /**
     * @param autoDeploy whether Tomcat redeploys the WAR when it changes ({@link #redeploy}), as a Tomcat
     *                   with Tomcat's own {@code server.xml} does
     */
    TomcatProcess(String name, Map<String, String> env, boolean autoDeploy) throws IOException {
        this.base = Path.of(System.getProperty("flack.processes", "target/processes")).resolve(name).toAbsolutePath();
        this.port = freePort();
        this.env = env;
        Path home = Path.of(System.getProperty("tomcat.home"));
        for (String dir : new String[] {"conf", "webapps", "logs", "temp", "work"}) {
            Files.createDirectories(base.resolve(dir));
        }
        for (String file : new String[] {"web.xml", "logging.properties", "catalina.properties", "context.xml"}) {
            Files.copy(home.resolve("conf").resolve(file), base.resolve("conf").resolve(file),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        Files.writeString(base.resolve("conf/server.xml"), """
                <?xml version="1.0" encoding="UTF-8"?>
                <Server port="-1" shutdown="SHUTDOWN">
                  <Service name="Catalina">
                    <Connector port="%d" address="127.0.0.1" protocol="HTTP/1.1" connectionTimeout="20000"
                               socket.appReadBufSize="512" socket.appWriteBufSize="512"/>
                    <Engine name="Catalina" defaultHost="localhost">
                      <Host name="localhost" appBase="webapps" unpackWARs="true" autoDeploy="%b">
                        <Valve className="org.apache.catalina.valves.ErrorReportValve" showReport="false"
                               showServerInfo="false"/>
                      </Host>
                    </Engine>
                  </Service>
                </Server>
                """.formatted(port, autoDeploy));
        Files.copy(Path.of(System.getProperty("flack.war", "target/flack.war")), base.resolve("webapps/ROOT.war"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    /** Puts the WAR in place again, newer than the one deployed: a Tomcat that auto-deploys undeploys it and deploys it again. */
    void redeploy() throws IOException {
        Path war = base.resolve("webapps/ROOT.war");
        Files.copy(Path.of(System.getProperty("flack.war", "target/flack.war")), war,
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.setLastModifiedTime(war, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis()));
    }

    /** The data folder to hand to Flack as {@code FLACK_DATA_DIR} for a process of this name. */
    static Path dataDir(String name) {
        return Path.of(System.getProperty("flack.processes", "target/processes")).resolve(name + "-data")
                .toAbsolutePath();
    }

    URL url() {
        try {
            return URI.create("http://127.0.0.1:" + port + "/").toURL();
        } catch (java.net.MalformedURLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Starts Tomcat and waits until Flack answers {@code /health} with UP. */
    void start() throws IOException, InterruptedException {
        launch();
        awaitHealth(200);
    }

    /** Starts Tomcat without waiting for it. */
    void launch() throws IOException {
        Path home = Path.of(System.getProperty("tomcat.home"));
        ProcessBuilder pb = new ProcessBuilder("/bin/sh", home.resolve("bin/catalina.sh").toString(), "run")
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(base.resolve("logs/console.log").toFile()));
        pb.environment().put("CATALINA_HOME", home.toString());
        pb.environment().put("CATALINA_BASE", base.toString());
        pb.environment().put("CATALINA_PID", base.resolve("tomcat.pid").toString());
        pb.environment().put("JAVA_OPTS", "-Xmx256m -Dorg.apache.tomcat.websocket.DEFAULT_BUFFER_SIZE=512");
        pb.environment().putAll(env);
        process = pb.start();
    }

    /** Waits until {@code /health} answers {@code status}. */
    void awaitHealth(int status) throws InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Tomcat ended while starting; see " + base.resolve("logs"));
            }
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(url().toURI().resolve("health"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == status) {
                    return;
                }
            } catch (IOException | java.net.URISyntaxException notYet) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("/health did not answer " + status + " within 90 s; see " + base.resolve("logs"));
    }

    /** What Tomcat wrote to its console so far. */
    String console() throws IOException {
        return Files.readString(base.resolve("logs/console.log"));
    }

    /** A graceful stop (SIGTERM: Tomcat's shutdown hook stops the application). */
    void stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException("Tomcat did not stop within 60 s");
        }
    }

    /** A crash: SIGKILL, nothing gets to run. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            kill();
        }
    }

    /**
     * A loopback port nobody listens on now, and not handed out before in this JVM: a test takes
     * several before it starts anything on them, and the system could give one of them twice.
     */
    static int freePort() {
        while (true) {
            try (ServerSocket s = new ServerSocket(0)) {
                if (HANDED_OUT.add(s.getLocalPort())) {
                    return s.getLocalPort();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
