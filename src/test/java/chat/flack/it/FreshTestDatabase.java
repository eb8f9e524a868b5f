package chat.flack.it;

import org.flywaydb.core.Flyway;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

import java.util.logging.Logger;

/**
 * Empties the tests' PostgreSQL ({@code FLACK_TEST_PG_URL}) once, when a test JVM starts: each
 * run of the suite then starts from the same empty database, whatever runs before it left there.
 * Without it the database kept every channel every earlier run made, and the {@code channels}
 * frame each socket gets first grew with each run, past the 16 KiB where the JDK's WebSocket
 * client sometimes fails a valid text frame (README, "Test it").
 */
public final class FreshTestDatabase implements LauncherSessionListener {

    private static final Logger LOG = Logger.getLogger(FreshTestDatabase.class.getName());

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        String url = System.getenv("FLACK_TEST_PG_URL");
        if (url == null || url.isBlank()) {
            return;
        }
        Flyway.configure().dataSource(url, null, null).cleanDisabled(false).load().clean();
        LOG.info("Emptied the tests' PostgreSQL database (FLACK_TEST_PG_URL)");
    }
}
