package chat.flack.domain;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class RateLimiterTest {

    private final AtomicLong now = new AtomicLong();
    private final RateLimiter limiter = new RateLimiter(20, 10, now::get);

    @Test
    void aBurstIsAllowedThenTheSteadyRate() {
        for (int i = 0; i < 20; i++) {
            assertThat(limiter.tryAcquire("ann")).isTrue();
        }
        assertThat(limiter.tryAcquire("ann")).isFalse();
        now.addAndGet(100_000_000L);
        assertThat(limiter.tryAcquire("ann")).isTrue();
        assertThat(limiter.tryAcquire("ann")).isFalse();
    }

    @Test
    void usersHaveTheirOwnBuckets() {
        for (int i = 0; i < 20; i++) {
            limiter.tryAcquire("ann");
        }
        assertThat(limiter.tryAcquire("bob")).isTrue();
    }

    @Test
    void aRefundGivesTheSendBack() {
        for (int i = 0; i < 20; i++) {
            limiter.tryAcquire("ann");
        }
        limiter.refund("ann");
        assertThat(limiter.tryAcquire("ann")).isTrue();
        assertThat(limiter.tryAcquire("ann")).isFalse();
    }

    @Test
    void theBucketNeverHoldsMoreThanTheBurst() {
        now.addAndGet(3_600_000_000_000L);
        int allowed = 0;
        while (limiter.tryAcquire("ann")) {
            allowed++;
        }
        assertThat(allowed).isEqualTo(20);
    }
}
