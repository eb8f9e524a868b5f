package chat.flack.store;

import chat.flack.it.TestPostgres;
import org.junit.jupiter.api.BeforeAll;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;

/**
 * {@link SearchCases} on PostgreSQL ({@code FLACK_TEST_PG_URL}), each test in a schema of its
 * own that is dropped afterwards.
 */
class SearchPostgresTest extends SearchCases {

    private static String base;
    private String schema;

    @BeforeAll
    static void needsPostgres() {
        base = TestPostgres.url(SearchPostgresTest.class.getSimpleName());
    }

    @Override
    String emptyDatabase() {
        schema = "search_test_" + UUID.randomUUID().toString().replace("-", "");
        execute(base, "create schema " + schema);
        return base + (base.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    @Override
    Map<String, String> databaseSettings(String url) {
        return Map.of("FLACK_DB_URL", url);
    }

    @Override
    void forget(String url) {
        execute(url, "drop schema " + schema + " cascade");
    }

    private static void execute(String url, String sql) {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }
}
