package chat.flack.bench;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/** What the receivers got: first deliveries with their latency, repeats, and when the last one came. Thread-safe. */
final class Deliveries {

    private final LongAdder delivered = new LongAdder();
    private final LongAdder duplicated = new LongAdder();
    private final LongAdder recovered = new LongAdder();
    private final AtomicLong lastNanos = new AtomicLong();
    final LatencyHistogram latency = new LatencyHistogram();

    void delivered(long sentNanos, long receivedNanos) {
        delivered.increment();
        latency.record((receivedNanos - sentNanos) / 1_000);
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
}
