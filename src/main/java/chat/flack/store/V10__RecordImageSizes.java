package chat.flack.store;

import chat.flack.domain.ImageSize;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Records the size of every image sent before sizes were stored (V9), read from the header of
 * its file in the upload folder; an image whose file is gone keeps no size. Plain JDBC, the
 * same on H2 and PostgreSQL.
 */
public class V10__RecordImageSizes extends BaseJavaMigration {

    private static final String UPLOADS = "/uploads/";
    private final Path uploads;

    public V10__RecordImageSizes(Path uploads) {
        this.uploads = uploads;
    }

    @Override
    public void migrate(Context context) throws SQLException {
        Connection c = context.getConnection();
        Map<String, Optional<ImageSize>> sizes = new LinkedHashMap<>();
        try (Statement select = c.createStatement();
             ResultSet rs = select.executeQuery("select distinct image from messages where image is not null")) {
            while (rs.next()) {
                String url = rs.getString(1);
                String file = url.startsWith(UPLOADS) ? url.substring(UPLOADS.length()) : url;
                sizes.put(url, ImageStore.sizeOf(uploads, file));
            }
        }
        try (PreparedStatement update = c.prepareStatement(
                "update messages set image_width = ?, image_height = ? where image = ?")) {
            for (Map.Entry<String, Optional<ImageSize>> e : sizes.entrySet()) {
                if (e.getValue().isPresent()) {
                    update.setInt(1, e.getValue().get().width());
                    update.setInt(2, e.getValue().get().height());
                    update.setString(3, e.getKey());
                    update.executeUpdate();
                }
            }
        }
    }
}
