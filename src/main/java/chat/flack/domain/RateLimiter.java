package chat.flack.domain;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * A token bucket per user: {@code burst} sends at once, then {@code perSecond} a second.
 * Thread-safe: each bucket is updated under its own lock.
 */
public final class RateLimiter {

    private final int burst;
    private final double perNano;
    private final LongSupplier clock;
    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    public RateLimiter(int burst, int perSecond, LongSupplier nanoClock) {
        this.burst = burst;
        this.perNano = perSecond / 1e9;
        this.clock = nanoClock;
    }

    /** Takes one send from {@code user}'s bucket; false when it is empty. */
    public boolean tryAcquire(String user) {
        Bucket b = buckets.computeIfAbsent(user, k -> new Bucket(burst, clock.getAsLong()));
        synchronized (b) {
            long now = clock.getAsLong();
            b.tokens = Math.min(burst, b.tokens + (now - b.at) * perNano);
            b.at = now;
            if (b.tokens >= 1) {
                b.tokens -= 1;
                return true;
            }
            return false;
        }
    }

    /** Gives back a send taken by {@link #tryAcquire} that was not used after all. */
    public void refund(String user) {
        Bucket b = buckets.get(user);
        if (b != null) {
            synchronized (b) {
                b.tokens = Math.min(burst, b.tokens + 1);
            }
        }
    }

    /** Forgets {@code user}'s bucket (the name was released). */
    public void forget(String user) {
        buckets.remove(user);
    }

    private static final class Bucket {
        double tokens;
        long at;

        Bucket(double tokens, long at) {
            this.tokens = tokens;
            this.at = at;
        }
    }
}
