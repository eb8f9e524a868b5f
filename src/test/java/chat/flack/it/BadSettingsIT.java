package chat.flack.it;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A setting Flack cannot run with stops its start-up, with one log line naming the setting and
 * why and no stack trace; Tomcat marks the application failed and serves none of it.
 */
class BadSettingsIT {

    /** A line of a Java stack trace: a frame, a cause, or the count of frames left out. */
    static final Pattern STACK_TRACE = Pattern.compile("^\\s+(at |\\.\\.\\. \\d+ more)|^\\s*Caused by: ");

    @Test
    void aNegativeLimitStopsStartUpWithOneLineNamingIt() throws Exception {
        String name = ServerIT.unique("bad-setting");
        refusedWith(name, Map.of("FLACK_DATA_DIR", TomcatProcess.dataDir(name).toString(), "FLACK_MAX_IMAGE_BYTES", "-1"),
                "Flack cannot start: FLACK_MAX_IMAGE_BYTES must be a whole number from 1 to "
                        + Integer.MAX_VALUE + ", got '-1'");
    }

    @Test
    void severalNodesOnTheEmbeddedDatabaseStopStartUpWithOneLineNamingBothSettings() throws Exception {
        String name = ServerIT.unique("bad-cluster");
        // The embedded database named outright: the PostgreSQL run of the suite sets FLACK_DB_URL for every process.
        refusedWith(name, Map.of("FLACK_DATA_DIR", TomcatProcess.dataDir(name).toString(),
                        "FLACK_DB_URL", "jdbc:h2:" + TomcatProcess.dataDir(name).resolve("flack"),
                        "FLACK_REDIS_URL", "redis://127.0.0.1:6379"),
                "Flack cannot start: FLACK_REDIS_URL needs FLACK_DB_URL to name PostgreSQL (jdbc:postgresql://...):"
                        + " several nodes cannot share the embedded database");
    }

    @Test
    void anUnwritableDataFolderStopsStartUpWithOneLineNamingIt() throws Exception {
        refusedWith(ServerIT.unique("bad-folder"), Map.of("FLACK_DATA_DIR", "/proc/flack-data"),
                "Flack cannot start: FLACK_DATA_DIR names a folder that cannot be created: /proc/flack-data");
    }

    private static void refusedWith(String name, Map<String, String> env, String line) throws Exception {
        try (TomcatProcess tomcat = new TomcatProcess(name, env)) {
            tomcat.launch();
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250))
                    .until(() -> tomcat.console().contains(line) && tomcat.console().contains("Server startup in"));
            String console = tomcat.console();
            assertThat(console.split("Flack cannot start", -1)).as("said once").hasSize(2);
            List<String> after = console.substring(console.indexOf(line)).lines().skip(1).toList();
            assertThat(after).as("no stack trace after the line").noneMatch(l -> STACK_TRACE.matcher(l).find());
            assertThat(after).as("Tomcat says the application failed")
                    .anyMatch(l -> l.contains("Context [] startup failed due to previous errors"));
            assertThat(after).as("nothing else is wrong: no warning or error but Tomcat's")
                    .filteredOn(l -> l.contains(" WARNING [") || l.contains(" SEVERE ["))
                    .allMatch(l -> l.contains("Context [] startup failed due to previous errors"));
            Client c = new Client(tomcat.url());
            assertThat(c.get("/health").statusCode()).as("/health: the application is not serving").isEqualTo(404);
            assertThat(c.get("/").statusCode()).as("/: the application is not serving").isEqualTo(404);
        }
    }
}
