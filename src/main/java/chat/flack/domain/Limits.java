package chat.flack.domain;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.TimeMeter;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Token buckets (Bucket4j) of one {@link Budget}, one bucket per holder (a user's name key, or
 * a client address). Holders are forgotten when their login ends, or, for holders that never
 * log out (addresses), when there are more than {@code maxHolders}. Thread-safe.
 */
public final class Limits {

    private final Budget budget;
    private final TimeMeter clock;
    private final int maxHolders;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    public Limits(Budget budget, TimeMeter clock, int maxHolders) {
        this.budget = budget;
        this.clock = clock;
        this.maxHolders = maxHolders;
    }

    /** Takes one request from {@code holder}'s bucket; false when it is empty. */
    public boolean tryTake(String holder) {
        Bucket bucket = buckets.get(holder);
        if (bucket == null) {
            if (buckets.size() >= maxHolders) {
                // Full buckets are the same as new ones: dropping them changes no answer.
                buckets.values().removeIf(b -> b.getAvailableTokens() >= budget.burst());
            }
            bucket = buckets.computeIfAbsent(holder, k -> Bucket.builder()
                    .addLimit(limit -> limit.capacity(budget.burst()).refillGreedy(budget.refill(), budget.period()))
                    .withCustomTimePrecision(clock)
                    .build());
        }
        return bucket.tryConsume(1);
    }

    /** Gives back a request taken by {@link #tryTake} that was refused after all. */
    public void refund(String holder) {
        Bucket bucket = buckets.get(holder);
        if (bucket != null) {
            bucket.addTokens(1);
        }
    }

    /** Forgets {@code holder}'s bucket. */
    public void forget(String holder) {
        buckets.remove(holder);
    }

    /** How many holders have a bucket now. */
    int holders() {
        return buckets.size();
    }
}
