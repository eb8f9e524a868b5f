package chat.flack.socket;

import chat.flack.domain.Texts;

import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.logging.Logger;

/**
 * The log lines of one connection's refused requests: the first few each get a line, then at
 * most one line a minute sums up how many more there were, so that no client can flood the log.
 * Client values in the lines are escaped and cut short ({@link Texts#forLog}). Thread-safe.
 */
final class RefusalLog {

    private static final Logger LOG = Logger.getLogger(ChatEndpoint.class.getName());
    static final int LINES_FREE = 5;
    private static final long WINDOW_NANOS = TimeUnit.MINUTES.toNanos(1);

    private final LongSupplier clock;
    private int lines;
    private int untold;
    private long windowStart;

    RefusalLog(LongSupplier nanoClock) {
        this.clock = nanoClock;
        this.windowStart = nanoClock.getAsLong();
    }

    /** Logs (or counts, for the summary) one refusal of a request of type {@code ref} with {@code code}. */
    synchronized void refused(String ref, String code) {
        long now = clock.getAsLong();
        if (lines < LINES_FREE) {
            lines++;
            LOG.info("Refused " + (ref == null ? "a frame" : "'" + Texts.forLog(ref, 40) + "'") + ": " + code);
        } else if (now - windowStart >= WINDOW_NANOS) {
            LOG.info("Refused " + (untold + 1) + " more requests from one socket in the last minute (latest: "
                    + code + ")");
            untold = 0;
            windowStart = now;
        } else {
            untold++;
        }
    }

    /** Logs what was refused and not yet told; called when the connection closes. */
    synchronized void close() {
        if (untold > 0) {
            LOG.info("Refused " + untold + " more requests from one socket before it closed");
            untold = 0;
        }
    }
}
