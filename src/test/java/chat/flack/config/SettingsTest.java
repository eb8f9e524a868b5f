package chat.flack.config;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SettingsTest {

    private static Settings of(Map<String, String> values) {
        return Settings.from(values::get);
    }

    @Test
    void defaultsMatchTheDesign() {
        Settings s = of(Map.of());
        assertThat(s.maxNameLength()).isEqualTo(32);
        assertThat(s.maxChannelNameLength()).isEqualTo(48);
        assertThat(s.maxMessageLength()).isEqualTo(4000);
        assertThat(s.maxFrameBytes()).isEqualTo(65536);
        assertThat(s.maxImageBytes()).isEqualTo(5L * 1024 * 1024);
        assertThat(s.historyLimit()).isEqualTo(100);
        assertThat(s.rateBurst()).isEqualTo(20);
        assertThat(s.ratePerSecond()).isEqualTo(10);
        assertThat(s.maxChannels()).isEqualTo(10_000);
        assertThat(s.embeddedDatabase()).isTrue();
        assertThat(s.uploadDir()).isEqualTo(s.dataDir().resolve("uploads"));
        assertThat(s.allowedOrigins()).isEmpty();
    }

    @Test
    void theUploadFolderFollowsTheDataFolderUnlessSet() {
        assertThat(of(Map.of("FLACK_DATA_DIR", "/srv/flack")).uploadDir()).isEqualTo(Path.of("/srv/flack/uploads"));
        assertThat(of(Map.of("FLACK_DATA_DIR", "/srv/flack", "UPLOAD_FOLDER", "/img")).uploadDir())
                .isEqualTo(Path.of("/img"));
    }

    @Test
    void originsAreNormalised() {
        assertThat(of(Map.of("FLACK_ALLOWED_ORIGINS", " https://Chat.Example.org/ , http://a:8080")).allowedOrigins())
                .containsExactlyInAnyOrder("https://chat.example.org", "http://a:8080");
    }

    @Test
    void aBadNumberNamesTheSettingAndWhy() {
        assertThatThrownBy(() -> of(Map.of("FLACK_MAX_IMAGE_BYTES", "-1")))
                .isInstanceOf(SettingsException.class)
                .hasMessageStartingWith("FLACK_MAX_IMAGE_BYTES must be a whole number")
                .hasMessageContaining("'-1'");
        assertThatThrownBy(() -> of(Map.of("FLACK_HISTORY_LIMIT", "lots")))
                .hasMessageStartingWith("FLACK_HISTORY_LIMIT");
    }

    @Test
    void aDatabaseUrlMustBeOneFlackCanUse() {
        assertThatThrownBy(() -> of(Map.of("FLACK_DB_URL", "postgres://db/flack")))
                .isInstanceOf(SettingsException.class)
                .hasMessageStartingWith("FLACK_DB_URL");
        assertThat(of(Map.of("FLACK_DB_URL", "jdbc:postgresql://db:5432/flack")).embeddedDatabase()).isFalse();
    }

    @Test
    void severalNodesNeedPostgresqlAndARedisUrl() {
        assertThatThrownBy(() -> of(Map.of("FLACK_REDIS_URL", "redis://127.0.0.1:6379")))
                .isInstanceOf(SettingsException.class)
                .hasMessageStartingWith("FLACK_REDIS_URL needs FLACK_DB_URL to name PostgreSQL");
        assertThatThrownBy(() -> of(Map.of("FLACK_REDIS_URL", "redis://127.0.0.1:6379",
                "FLACK_DB_URL", "jdbc:h2:/tmp/flack")))
                .isInstanceOf(SettingsException.class).hasMessageContaining("FLACK_DB_URL");
        assertThatThrownBy(() -> of(Map.of("FLACK_REDIS_URL", "127.0.0.1:6379",
                "FLACK_DB_URL", "jdbc:postgresql://db:5432/flack")))
                .isInstanceOf(SettingsException.class).hasMessageStartingWith("FLACK_REDIS_URL must be a Redis URL");
        assertThat(of(Map.of("FLACK_REDIS_URL", "redis://:secret@relay:6379/2",
                "FLACK_DB_URL", "jdbc:postgresql://db:5432/flack")).redisUrl()).isEqualTo("redis://:secret@relay:6379/2");
        assertThat(of(Map.of()).redisUrl()).as("one node by default").isNull();
    }
}
