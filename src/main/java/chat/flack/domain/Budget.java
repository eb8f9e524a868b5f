package chat.flack.domain;

import java.time.Duration;

/**
 * A kind of request that is limited per user (PROTOCOL.md): a token bucket of {@code burst}
 * requests that refills {@code refill} requests every {@code period}.
 */
public record Budget(long burst, long refill, Duration period) {

    /** {@code send} (and later {@code edit}, {@code delete}, {@code react}). */
    public static Budget sends(long burst, long perSecond) {
        return new Budget(burst, perSecond, Duration.ofSeconds(1));
    }

    /** {@code create}: 5 at once, then one every 10 s. */
    public static final Budget CREATE = new Budget(5, 1, Duration.ofSeconds(10));

    /** {@code join}, {@code older} (and later {@code search}, {@code direct}): 20 at once, then 5 a second. */
    public static final Budget BROWSE = new Budget(20, 5, Duration.ofSeconds(1));

    /** {@code POST /upload}: 10 at once, then one every 6 s. */
    public static final Budget UPLOAD = new Budget(10, 1, Duration.ofSeconds(6));

    /** {@code POST /newuser} per client address: {@code perMinute} at once, then as many a minute. */
    public static Budget logins(long perMinute) {
        return new Budget(perMinute, perMinute, Duration.ofMinutes(1));
    }
}
