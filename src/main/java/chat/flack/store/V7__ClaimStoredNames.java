package chat.flack.store;

import chat.flack.domain.Names;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Set;

/**
 * Claims the skeletons of the names stored before the claim tables (V6). Names stored before
 * the look-alike rule may share a skeleton: the oldest keeps it, as {@code NameClaims} does in
 * memory. Plain JDBC, the same on H2 and PostgreSQL.
 */
public class V7__ClaimStoredNames extends BaseJavaMigration {

    @Override
    public void migrate(Context context) throws SQLException {
        Connection c = context.getConnection();
        claim(c, "select name_key, name from users order by created_at", "user_claims");
        claim(c, "select name_key, name from channels order by id", "channel_claims");
    }

    private static void claim(Connection c, String names, String claims) throws SQLException {
        Set<String> taken = new HashSet<>();
        try (Statement select = c.createStatement();
             PreparedStatement insert = c.prepareStatement(
                     "insert into " + claims + " (skeleton, name_key) values (?, ?)")) {
            select.setFetchSize(1000);
            ResultSet rs = select.executeQuery(names);
            while (rs.next()) {
                for (String skeleton : Names.skeletons(rs.getString(2))) {
                    if (taken.add(skeleton)) {
                        insert.setString(1, skeleton);
                        insert.setString(2, rs.getString(1));
                        insert.executeUpdate();
                    }
                }
            }
        }
    }
}
