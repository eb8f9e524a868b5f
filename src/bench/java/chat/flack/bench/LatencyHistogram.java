package chat.flack.bench;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Latencies in microseconds, in log-linear buckets (64 per power of two, so a percentile is
 * within 1.6% of the true value) plus the exact maximum. Fixed size whatever the number of
 * deliveries, and safe to record into from any thread.
 */
final class LatencyHistogram {

    private static final int SUB_BITS = 6;
    private static final int SUB = 1 << SUB_BITS;
    /** About 12 days in microseconds; longer latencies are recorded as this. */
    private static final long CEILING = (1L << 40) - 1;
    private static final int BUCKETS = index(CEILING) + 1;

    private final AtomicLongArray counts = new AtomicLongArray(BUCKETS);
    private final AtomicLong total = new AtomicLong();
    private final AtomicLong max = new AtomicLong();

    void record(long micros) {
        long v = Math.max(0, Math.min(micros, CEILING));
        counts.incrementAndGet(index(v));
        total.incrementAndGet();
        max.accumulateAndGet(v, Math::max);
    }

    long count() {
        return total.get();
    }

    long maxMicros() {
        return max.get();
    }

    /** The value at quantile {@code q} (0..1): the highest value of the bucket holding it, at most the maximum. */
    long percentileMicros(double q) {
        long n = total.get();
        if (n == 0) {
            return 0;
        }
        long rank = Math.max(1, (long) Math.ceil(q * n));
        long seen = 0;
        for (int i = 0; i < BUCKETS; i++) {
            seen += counts.get(i);
            if (seen >= rank) {
                return Math.min(highestIn(i), max.get());
            }
        }
        return max.get();
    }

    static int index(long v) {
        if (v < 2 * SUB) {
            return (int) v;
        }
        int shift = 63 - Long.numberOfLeadingZeros(v) - SUB_BITS;
        return shift * SUB + (int) (v >>> shift);
    }

    static long highestIn(int index) {
        if (index < 2 * SUB) {
            return index;
        }
        int shift = index / SUB - 1;
        long mantissa = index % SUB + SUB;
        return ((mantissa + 1) << shift) - 1;
    }
}
