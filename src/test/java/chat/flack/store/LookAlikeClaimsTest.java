package chat.flack.store;

import chat.flack.config.Settings;
import chat.flack.domain.LoginUser;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The database itself refuses a look-alike of a name or channel in use (UTS #39 skeletons in
 * claim tables), so that several nodes, whose memories differ, cannot both take two of them;
 * an upgraded database claims the names it already holds.
 */
class LookAlikeClaimsTest {

    @TempDir
    Path data;

    private static LoginUser user(String name, String key) {
        return new LoginUser(name, key, "login-" + key);
    }

    @Test
    void aLookAlikeOfAStoredNameOrChannelIsRefusedAndFreeAgainAfterLogout() {
        try (ScratchStore scratch = ScratchStore.in(data)) {
            JdbcChatStore store = scratch.store();
            LoginUser paypal = user("paypal", "paypal");
            assertThat(store.insertUser(paypal, "h1", Instant.now())).isTrue();
            assertThat(store.insertUser(user("pаypal", "pаypal"), "h2", Instant.now()))
                    .as("Cyrillic а in place of Latin a").isFalse();
            assertThat(store.insertUser(user("PAYPAL", "paypal"), "h3", Instant.now())).as("the same key").isFalse();

            store.deleteUser(paypal);
            assertThat(store.insertUser(user("pаypal", "pаypal"), "h2", Instant.now())).isTrue();

            assertThat(store.insertChannel("GeneraI", "generai", Instant.now()))
                    .as("capital I for l: a look-alike of General").isEmpty();
            assertThat(store.insertChannel("Random", "random", Instant.now())).isPresent();
        }
    }

    @Test
    void anUpgradedDatabaseClaimsTheNamesItHolds() throws Exception {
        String url = "jdbc:h2:file:" + data.resolve("flack") + ";WRITE_DELAY=0";
        Flyway.configure().dataSource(url, "flack", "").locations("classpath:db/migration").target("5")
                .javaMigrations(new V2__RepairIllFormedText()).load().migrate();
        try (Connection c = DriverManager.getConnection(url, "flack", "");
             Statement s = c.createStatement()) {
            s.executeUpdate("insert into users (name_key, name, login_id, session_hash, created_at, last_seen)"
                    + " values ('ada', 'Ada', 'l1', 'h1', 1, 1)");
            s.executeUpdate("insert into channels (name_key, name, created_at) values ('general', 'General', 1)");
        }
        try (JdbcChatStore store = new JdbcChatStore(Settings.from(Map.of("FLACK_DATA_DIR", data.toString())::get))) {
            store.load();
            assertThat(store.insertUser(user("Аda", "аda"), "h2", Instant.now())).as("Cyrillic А").isFalse();
            assertThat(store.insertChannel("GeneraI", "generai", Instant.now())).isEmpty();
            assertThat(store.insertUser(user("Grace", "grace"), "h3", Instant.now())).isTrue();
        }
    }
}
