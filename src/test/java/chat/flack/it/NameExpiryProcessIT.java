package chat.flack.it;

import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A login unused for longer than {@code FLACK_SESSION_DAYS} (default 30) is ended when Flack
 * starts: its name is free again and its cookie logs nobody in; a younger login stays.
 */
class NameExpiryProcessIT {

    private static final long DAY = Duration.ofDays(1).toMillis();

    @Test
    void atStartALoginUnusedForThirtyOneDaysIsEndedWhileOneUnusedForTwentyNineStays() throws Exception {
        String process = ServerIT.unique("expiry");
        try (TomcatProcess tomcat = new TomcatProcess(process, RestartProcessIT.flackEnv(process))) {
            tomcat.start();
            Client stale = new Client(tomcat.url());
            String staleName = stale.login(ServerIT.unique("Stale"));
            Client recent = new Client(tomcat.url());
            String recentName = recent.login(ServerIT.unique("Recent"));
            tomcat.stop();

            long now = System.currentTimeMillis();
            setLastSeen(process, staleName, now - 31 * DAY);
            setLastSeen(process, recentName, now - 29 * DAY);
            tomcat.start();

            Client anyone = new Client(tomcat.url());
            await("the stale name free again").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                    .until(() -> available(anyone, staleName));
            assertThat(available(anyone, recentName)).as("the recent name is still taken").isFalse();

            Client staleAgain = RestartProcessIT.sameBrowser(stale, tomcat);
            HttpResponse<String> page = staleAgain.get("/chat.html");
            assertThat(page.statusCode()).as("the chat page for the stale cookie").isEqualTo(303);
            assertThat(tomcat.url().toURI().resolve(page.headers().firstValue("Location").orElseThrow()).getPath())
                    .isEqualTo("/");
            assertThat(staleAgain.get("/checkchannel?name=x").statusCode()).as("the stale cookie logs nobody in")
                    .isEqualTo(401);

            Client recentAgain = RestartProcessIT.sameBrowser(recent, tomcat);
            assertThat(recentAgain.get("/checkchannel?name=x").statusCode()).as("the recent cookie still logs in")
                    .isEqualTo(200);
            assertThat(available(anyone, recentName)).as("the recent name is still taken").isFalse();
        }
    }

    private static boolean available(Client c, String name) {
        return HttpContractIT.json(c.get("/checkdispname?name=" + name)).getBoolean("available");
    }

    /** Sets the last use of {@code user}'s login, straight in the database of the stopped process. */
    private static void setLastSeen(String process, String user, long epochMillis) throws SQLException {
        String pg = System.getProperty("flack.db.url");
        try (Connection c = pg != null && !pg.isBlank()
                ? DriverManager.getConnection(pg)
                : DriverManager.getConnection("jdbc:h2:file:" + TomcatProcess.dataDir(process).resolve("flack")
                        + ";IFEXISTS=TRUE", "flack", "");
             PreparedStatement ps = c.prepareStatement("update users set last_seen = ? where name = ?")) {
            ps.setLong(1, epochMillis);
            ps.setString(2, user);
            assertThat(ps.executeUpdate()).as("rows of the login of %s", user).isEqualTo(1);
        }
    }
}
