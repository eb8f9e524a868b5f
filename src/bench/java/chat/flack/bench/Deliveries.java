package chat.flack.bench;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the receivers got: first deliveries with their latency, repeats, messages of another
 * channel, and when the last one came.
 * Thread-safe: receivers record from the socket threads into HdrHistogram's {@link Recorder}
 * (wait-free), and {@link #latencies()} takes what they recorded without stopping them.
 */
final class Deliveries {

    /** Latencies are recorded in microseconds, to three significant digits (within 0.1 %). */
    static final int SIGNIFICANT_DIGITS = 3;

    private final LongAdder delivered = new LongAdder();
    private final LongAdder duplicated = new LongAdder();
    private final LongAdder recovered = new LongAdder();
    private final LongAdder misdelivered = new LongAdder();
    private final AtomicLong lastNanos = new AtomicLong();
    private final Recorder recorder = new Recorder(SIGNIFICANT_DIGITS);
    /** Every interval taken from the recorder so far; guarded by {@code this}. */
    private final Histogram taken = new Histogram(SIGNIFICANT_DIGITS);

    void delivered(long sentNanos, long receivedNanos) {
        delivered.increment();
        recorder.recordValue(Math.max(0, receivedNanos - sentNanos) / 1_000);
        lastNanos.accumulateAndGet(receivedNanos, Math::max);
    }

    /** A first delivery that came in a history page after a reconnection. */
    void recovered(long sentNanos, long receivedNanos) {
        recovered.increment();
        delivered(sentNanos, receivedNanos);
    }

    long recovered() {
        return recovered.sum();
    }

    void duplicated() {
        duplicated.increment();
    }

    /** A message of another channel reached a receiver of this one. */
    void misdelivered() {
        misdelivered.increment();
    }

    long misdeliveries() {
        return misdelivered.sum();
    }

    long delivered() {
        return delivered.sum();
    }

    long duplicates() {
        return duplicated.sum();
    }

    /** {@link Payload#now()} of the latest delivery, 0 when none. */
    long lastNanos() {
        return lastNanos.get();
    }

    /** A copy of every latency recorded so far, in microseconds. */
    synchronized Histogram latencies() {
        taken.add(recorder.getIntervalHistogram());
        return taken.copy();
    }
}
