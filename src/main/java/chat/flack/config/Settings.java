package chat.flack.config;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every setting Flack reads, taken from environment variables, or from Java system properties
 * of the same names (a system property wins). Immutable; a bad value fails with a
 * {@link SettingsException} that names the setting.
 */
public record Settings(
        Path dataDir,
        Path uploadDir,
        String dbUrl,
        String dbUser,
        String dbPassword,
        String redisUrl,
        Set<String> allowedOrigins,
        String metricsToken,
        int maxNameLength,
        int maxChannelNameLength,
        int maxMessageLength,
        int maxFrameBytes,
        long maxImageBytes,
        int historyLimit,
        int rateBurst,
        int ratePerSecond,
        int maxChannels,
        int maxOutboundQueue,
        long sendTimeoutMillis,
        int writerThreads,
        long pingIntervalMillis,
        int sessionDays,
        int loginRatePerMinute,
        int maxSocketsPerUser,
        long maxOutboundBytes,
        long maxPageBytes) {

    /** Reads the settings of this process. */
    public static Settings fromEnvironment() {
        return from(name -> {
            String value = System.getProperty(name);
            return value != null ? value : System.getenv(name);
        });
    }

    /** Reads the settings through {@code source}, which answers a setting's name with its value or null. */
    public static Settings from(Function<String, String> source) {
        Reader r = new Reader(source);
        Path dataDir = r.path("FLACK_DATA_DIR", defaultDataDir());
        Path uploadDir = r.path("UPLOAD_FOLDER", dataDir.resolve("uploads"));
        String dbUrl = r.string("FLACK_DB_URL", null);
        if (dbUrl != null && !dbUrl.startsWith("jdbc:postgresql:") && !dbUrl.startsWith("jdbc:h2:")) {
            throw new SettingsException("FLACK_DB_URL",
                    "must be a JDBC URL starting with jdbc:postgresql: or jdbc:h2:, got '" + dbUrl + "'");
        }
        String redisUrl = r.string("FLACK_REDIS_URL", null);
        if (redisUrl != null && !redisUrl.startsWith("redis://") && !redisUrl.startsWith("rediss://")) {
            throw new SettingsException("FLACK_REDIS_URL",
                    "must be a Redis URL starting with redis:// or rediss://, got '" + redisUrl + "'");
        }
        if (redisUrl != null && (dbUrl == null || !dbUrl.startsWith("jdbc:postgresql:"))) {
            throw new SettingsException("FLACK_REDIS_URL", "needs FLACK_DB_URL to name PostgreSQL"
                    + " (jdbc:postgresql://...): several nodes cannot share the embedded database");
        }
        return new Settings(
                dataDir,
                uploadDir,
                dbUrl,
                r.string("FLACK_DB_USER", null),
                r.string("FLACK_DB_PASSWORD", null),
                redisUrl,
                r.origins("FLACK_ALLOWED_ORIGINS"),
                r.string("FLACK_METRICS_TOKEN", null),
                r.integer("FLACK_MAX_NAME_LENGTH", 32, 1, 256),
                r.integer("FLACK_MAX_CHANNEL_NAME_LENGTH", 48, 1, 256),
                r.integer("FLACK_MAX_MESSAGE_LENGTH", 4000, 1, 100_000),
                r.integer("FLACK_MAX_FRAME_BYTES", 65_536, 1024, 1 << 24),
                r.integer("FLACK_MAX_IMAGE_BYTES", 5 * 1024 * 1024, 1, Integer.MAX_VALUE),
                r.integer("FLACK_HISTORY_LIMIT", 100, 1, 10_000),
                r.integer("FLACK_RATE_BURST", 20, 1, 1_000_000),
                r.integer("FLACK_RATE_PER_SECOND", 10, 1, 1_000_000),
                r.integer("FLACK_MAX_CHANNELS", 10_000, 1, 10_000_000),
                r.integer("FLACK_MAX_OUTBOUND_QUEUE", 1024, 16, 1_000_000),
                r.integer("FLACK_SEND_TIMEOUT_MS", 2_000, 100, 600_000),
                r.integer("FLACK_WRITER_THREADS", 16, 1, 1024),
                r.integer("FLACK_PING_INTERVAL_MS", 5_000, 100, 3_600_000),
                r.integer("FLACK_SESSION_DAYS", 30, 1, 3650),
                r.integer("FLACK_LOGIN_RATE", 0, 0, 1_000_000),
                r.integer("FLACK_MAX_SOCKETS_PER_USER", 20, 1, 100_000),
                r.integer("FLACK_MAX_OUTBOUND_BYTES", 8 * 1024 * 1024, 64 * 1024, Integer.MAX_VALUE),
                r.integer("FLACK_MAX_PAGE_BYTES", 64 * 1024 * 1024, 1024 * 1024, Integer.MAX_VALUE));
    }

    /** True when the messages live in the embedded database file rather than a configured server. */
    public boolean embeddedDatabase() {
        return dbUrl == null;
    }

    private static Path defaultDataDir() {
        String base = System.getProperty("catalina.base");
        return (base != null ? Path.of(base) : Path.of("")).resolve("flack-data").toAbsolutePath();
    }

    private record Reader(Function<String, String> source) {

        String string(String name, String fallback) {
            String value = source.apply(name);
            return value == null || value.isBlank() ? fallback : value.trim();
        }

        Path path(String name, Path fallback) {
            String value = string(name, null);
            if (value == null) {
                return fallback;
            }
            try {
                return Path.of(value).toAbsolutePath();
            } catch (RuntimeException e) {
                throw new SettingsException(name, "is not a usable path: '" + value + "'");
            }
        }

        int integer(String name, int fallback, int min, int max) {
            String value = string(name, null);
            if (value == null) {
                return fallback;
            }
            try {
                int parsed = Integer.parseInt(value);
                if (parsed >= min && parsed <= max) {
                    return parsed;
                }
            } catch (NumberFormatException e) {
                // answered below with the same sentence as an out-of-range number
            }
            throw new SettingsException(name,
                    "must be a whole number from " + min + " to " + max + ", got '" + value + "'");
        }

        Set<String> origins(String name) {
            String value = string(name, "");
            return Arrays.stream(value.split(","))
                    .map(String::trim)
                    .filter(s -> !s.isEmpty())
                    .map(s -> s.toLowerCase(Locale.ROOT).replaceAll("/+$", ""))
                    .collect(Collectors.toUnmodifiableSet());
        }
    }
}
