package chat.flack.store;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Fills in the words (V15) of every message stored before, deleted ones excepted, and on
 * PostgreSQL then builds the full-text index the search uses (after the filling, which is
 * faster than keeping the index up to date row by row). Plain JDBC, the same on H2 and
 * PostgreSQL.
 */
public class V16__IndexSearchWords extends BaseJavaMigration {

    private static final int BATCH = 1000;

    @Override
    public void migrate(Context context) throws SQLException {
        Connection c = context.getConnection();
        try (Statement select = c.createStatement();
             PreparedStatement update = c.prepareStatement("update messages set search_words = ? where id = ?")) {
            // Read in pieces, not the whole table at once (PostgreSQL streams inside a transaction).
            select.setFetchSize(BATCH);
            ResultSet rs = select.executeQuery("select id, body from messages where deleted = false");
            int pending = 0;
            while (rs.next()) {
                String words = MessageSearch.words(rs.getString(2));
                if (words != null) {
                    update.setString(1, words);
                    update.setLong(2, rs.getLong(1));
                    update.addBatch();
                    if (++pending == BATCH) {
                        update.executeBatch();
                        pending = 0;
                    }
                }
            }
            if (pending > 0) {
                update.executeBatch();
            }
        }
        if ("PostgreSQL".equals(c.getMetaData().getDatabaseProductName())) {
            try (Statement s = c.createStatement()) {
                s.execute("create index messages_search on messages using gin (" + MessageSearch.WORDS_VECTOR + ")");
            }
        }
    }
}
