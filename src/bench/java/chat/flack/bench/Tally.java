package chat.flack.bench;

import org.HdrHistogram.Histogram;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A fan-out run's counts over its channels. Each channel expects its accepted sends times its
 * connected receivers and loses what of that its receivers did not get; the run's figures are
 * the channels' summed, so a delivery too many in one channel never hides one lost in another.
 */
record Tally(long sent, long refused, long expected, long delivered, long lost, long duplicated, long misdelivered,
             long recovered, long lastNanos, Histogram latencies, Map<String, Long> errors) {

    /** The counts of {@code channels} so far, channel i with {@code receivers[i]} connected receivers. */
    static Tally of(List<Channel> channels, int[] receivers) {
        long sent = 0;
        long refused = 0;
        long expected = 0;
        long delivered = 0;
        long lost = 0;
        long duplicated = 0;
        long misdelivered = 0;
        long recovered = 0;
        long lastNanos = 0;
        Histogram latencies = new Histogram(Deliveries.SIGNIFICANT_DIGITS);
        Map<String, Long> errors = new TreeMap<>();
        for (Channel c : channels) {
            Deliveries d = c.deliveries;
            long expectedHere = c.accepted() * receivers[c.index];
            sent += c.sent.sum();
            refused += c.errors.refusedSends();
            expected += expectedHere;
            delivered += d.delivered();
            lost += Math.max(0, expectedHere - d.delivered());
            duplicated += d.duplicates();
            misdelivered += d.misdeliveries();
            recovered += d.recovered();
            lastNanos = Math.max(lastNanos, d.lastNanos());
            latencies.add(d.latencies());
            c.errors.byCode().forEach((code, n) -> errors.merge(code, n, Long::sum));
        }
        return new Tally(sent, refused, expected, delivered, lost, duplicated, misdelivered, recovered, lastNanos,
                latencies, errors);
    }

    /** Whether every channel's receivers have all that channel's accepted sends. */
    static boolean complete(List<Channel> channels, int[] receivers) {
        return channels.stream().allMatch(c -> c.deliveries.delivered() >= c.accepted() * receivers[c.index]);
    }
}
