package chat.flack.it;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * PostgreSQL going away mid-run, through a TCP proxy the test cuts and restores (the machine's
 * PostgreSQL itself is left alone): sends fail with {@code unavailable} and show nowhere,
 * nothing is half-written, and Flack recovers by itself.
 */
class DatabaseOutageIT {

    @Test
    void sendsFailWithUnavailableWhileTheDatabaseIsAwayAndSucceedAfter() throws Exception {
        String pg = TestPostgres.url("DatabaseOutageIT");
        URI target = URI.create(pg.substring("jdbc:".length()));
        try (TcpProxy proxy = new TcpProxy(target.getHost(), target.getPort() < 0 ? 5432 : target.getPort())) {
            String viaProxy = pg.replaceFirst("//[^/]+/", "//127.0.0.1:" + proxy.port() + "/");
            String name = ServerIT.unique("outage");
            try (TomcatProcess tomcat = new TomcatProcess(name, Map.of(
                    "FLACK_DATA_DIR", TomcatProcess.dataDir(name).toString(), "FLACK_DB_URL", viaProxy))) {
                tomcat.start();
                Client alice = new Client(tomcat.url());
                alice.login(ServerIT.unique("Alice"));
                Client bob = new Client(tomcat.url());
                bob.login(ServerIT.unique("Bob"));
                String channel = ServerIT.unique("Fragile");
                String unread = ServerIT.unique("Unread");
                try (Sock a = alice.socket(); Sock b = bob.socket()) {
                    a.create(unread);
                    a.create(channel);
                    a.join(channel);
                    b.join(channel);
                    a.say(channel, "one", "c1");
                    a.await("message");
                    b.await("message");

                    proxy.cut();
                    a.say(channel, "two", "c2");
                    a.awaitError("unavailable", "send");
                    // No page of it in memory yet: it must be read, and cannot be; Alice stays where she is.
                    a.send(Sock.frame("join").add("channel", unread));
                    a.awaitError("unavailable", "join");
                    b.assertSilentFor(Duration.ofMillis(500));
                    assertThat(alice.get("/health").statusCode()).isEqualTo(503);

                    proxy.restore();
                    awaitHealthy(alice);
                    a.say(channel, "three", "c3");
                    assertThat(b.await("message").getJsonObject("message").getString("text")).isEqualTo("three");
                    a.await("message");
                    a.say(channel, "two", "c2");
                    assertThat(b.await("message").getJsonObject("message").getString("text")).isEqualTo("two");
                    assertThat(a.join(unread).getJsonArray("messages")).isEmpty();
                }
                Client carol = new Client(tomcat.url());
                carol.login(ServerIT.unique("Carol"));
                try (Sock late = carol.socket()) {
                    JsonObject history = late.join(channel);
                    assertThat(history.getJsonArray("messages").getValuesAs(JsonObject.class))
                            .extracting(m -> m.getString("text")).containsExactly("one", "three", "two");
                }
            }
        }
    }

    private static void awaitHealthy(Client c) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            if (c.get("/health").statusCode() == 200) {
                return;
            }
            Thread.sleep(200);
        }
        fail("Flack did not report UP within 30 s of the database coming back");
    }

    @Test
    void aStartWithoutTheDatabaseReportsDownSaysSoOnceAndComesUpByItself() throws Exception {
        String pg = TestPostgres.url("DatabaseOutageIT");
        URI target = URI.create(pg.substring("jdbc:".length()));
        try (TcpProxy proxy = new TcpProxy(target.getHost(), target.getPort() < 0 ? 5432 : target.getPort())) {
            proxy.cut();
            String viaProxy = pg.replaceFirst("//[^/]+/", "//127.0.0.1:" + proxy.port() + "/");
            String name = ServerIT.unique("late-db");
            try (TomcatProcess tomcat = new TomcatProcess(name, Map.of(
                    "FLACK_DATA_DIR", TomcatProcess.dataDir(name).toString(), "FLACK_DB_URL", viaProxy))) {
                tomcat.launch();
                tomcat.awaitHealth(503);
                Client c = new Client(tomcat.url());
                assertThat(HttpContractIT.json(c.get("/health")).getString("status")).isEqualTo("DOWN");
                assertThat(c.postForm("/newuser", Map.of("displayname", ServerIT.unique("Early")), true).statusCode())
                        .isEqualTo(503);
                Thread.sleep(5_000);
                assertThat(tomcat.console().split("cannot reach its database \\(FLACK_DB_URL\\)", -1))
                        .as("one log line about the database, however many retries").hasSize(2);
                proxy.restore();
                tomcat.awaitHealth(200);
                c.login(ServerIT.unique("OnTime"));
            }
        }
    }
}
