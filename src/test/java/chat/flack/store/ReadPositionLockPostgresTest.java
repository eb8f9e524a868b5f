package chat.flack.store;

import chat.flack.config.Settings;
import chat.flack.domain.ChatStore.NewMessage;
import chat.flack.domain.ChatStore.StoredChannel;
import chat.flack.it.TestPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * On PostgreSQL ({@code FLACK_TEST_PG_URL}), storing a message while its sender's read position
 * in the channel is moved at the same moment (a {@code read}, a join) never deadlocks: the
 * store locks the channel's row only against other writers of the channel, not against the
 * key check of the read position's insert. Before, PostgreSQL broke the cycle by failing one of
 * the two, and a send was answered {@code unavailable} (seen in a CI run).
 */
class ReadPositionLockPostgresTest {

    private static String base;

    @TempDir
    Path data;

    private String schema;
    private String url;
    private JdbcChatStore store;
    private final ExecutorService two = Executors.newFixedThreadPool(2);

    @BeforeAll
    static void needsPostgres() {
        base = TestPostgres.url(ReadPositionLockPostgresTest.class.getSimpleName());
    }

    @AfterEach
    void drop() throws Exception {
        two.shutdownNow();
        two.awaitTermination(10, TimeUnit.SECONDS);
        if (store != null) {
            store.close();
        }
        if (schema != null) {
            execute(base, "drop schema " + schema + " cascade");
        }
    }

    @Test
    void aMessageAndItsSendersReadPositionStoredAtOnceBothSucceed() throws Exception {
        schema = "read_lock_test_" + UUID.randomUUID().toString().replace("-", "");
        execute(base, "create schema " + schema);
        url = base + (base.contains("?") ? "&" : "?") + "currentSchema=" + schema;
        store = new JdbcChatStore(Settings.from(Map.of("FLACK_DB_URL", url, "FLACK_DATA_DIR", data.toString())::get));
        store.load();
        long id = store.insertChannel("General", "general", Instant.now()).orElseThrow();
        StoredChannel general = new StoredChannel(id, "General", "general");
        CyclicBarrier together = new CyclicBarrier(2);
        for (int round = 0; round < 300; round++) {
            String login = "login-" + round;
            NewMessage m = new NewMessage(general, "Ada", "ada", "round " + round, null, null, Instant.now(),
                    null, login, List.of());
            CompletableFuture<Void> send = CompletableFuture.runAsync(() -> {
                await(together);
                store.insertMessages(List.of(m));
            }, two);
            CompletableFuture<Void> read = CompletableFuture.runAsync(() -> {
                await(together);
                store.moveReadPosition(login, general.id(), 1);
            }, two);
            assertThat(CompletableFuture.allOf(send, read)).as("round " + round)
                    .succeedsWithin(Duration.ofSeconds(20));
        }
    }

    private static void await(CyclicBarrier barrier) {
        try {
            barrier.await(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void execute(String url, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
