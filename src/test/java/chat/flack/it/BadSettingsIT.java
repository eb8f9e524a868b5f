package chat.flack.it;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A setting Flack cannot run with stops its start-up, with one log line naming the setting and why. */
class BadSettingsIT {

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
            long deadline = System.nanoTime() + 90_000_000_000L;
            while (System.nanoTime() < deadline && !tomcat.console().contains(line)) {
                Thread.sleep(250);
            }
            assertThat(tomcat.console()).contains(line);
            assertThat(tomcat.console().split("Flack cannot start", -1)).as("said once").hasSize(2);
            Client c = new Client(tomcat.url());
            assertThat(c.get("/health").statusCode()).as("the application did not start").isNotEqualTo(200);
        }
    }
}
