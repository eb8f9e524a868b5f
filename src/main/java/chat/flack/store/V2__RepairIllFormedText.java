package chat.flack.store;

import chat.flack.domain.Texts;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Replaces unpaired surrogates and NULs in stored text with U+FFFD. Before the
 * well-formedness rule, such a message (or name) could be stored, and every connection it was
 * sent to was closed because it cannot be encoded: this repairs the channels it broke.
 * Plain JDBC, so it runs the same on H2 and PostgreSQL (where such text was already replaced
 * by the driver, and nothing is found).
 */
public class V2__RepairIllFormedText extends BaseJavaMigration {

    @Override
    public void migrate(Context context) throws SQLException {
        Connection c = context.getConnection();
        repair(c, "messages", "id", "body");
        repair(c, "messages", "id", "client_id");
        repair(c, "users", "name_key", "name");
        repair(c, "channels", "id", "name");
    }

    private static void repair(Connection c, String table, String id, String column) throws SQLException {
        try (Statement select = c.createStatement();
             PreparedStatement update = c.prepareStatement(
                     "update " + table + " set " + column + " = ? where " + id + " = ?")) {
            // Read in pieces, not the whole table at once (PostgreSQL streams inside a transaction).
            select.setFetchSize(1000);
            ResultSet rs = select.executeQuery("select " + id + ", " + column + " from " + table);
            while (rs.next()) {
                String value = rs.getString(2);
                String repaired = Texts.repaired(value);
                if (value != null && !repaired.equals(value)) {
                    update.setString(1, repaired);
                    update.setObject(2, rs.getObject(1));
                    update.executeUpdate();
                }
            }
        }
    }
}
