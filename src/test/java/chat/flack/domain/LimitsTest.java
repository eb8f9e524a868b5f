package chat.flack.domain;

import io.github.bucket4j.TimeMeter;
import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class LimitsTest {

    private final AtomicLong now = new AtomicLong();
    private final TimeMeter clock = new TimeMeter() {
        @Override
        public long currentTimeNanos() {
            return now.get();
        }

        @Override
        public boolean isWallClockBased() {
            return false;
        }
    };

    @Test
    void aBurstIsAllowedThenTheSteadyRate() {
        Limits sends = new Limits(Budget.sends(20, 10), clock, 100);
        for (int i = 0; i < 20; i++) {
            assertThat(sends.tryTake("ann")).isTrue();
        }
        assertThat(sends.tryTake("ann")).isFalse();
        now.addAndGet(TimeUnit.MILLISECONDS.toNanos(100));
        assertThat(sends.tryTake("ann")).isTrue();
        assertThat(sends.tryTake("ann")).isFalse();
    }

    @Test
    void creatingChannelsAllowsFiveThenOneEveryTenSeconds() {
        Limits creates = new Limits(Budget.CREATE, clock, 100);
        for (int i = 0; i < 5; i++) {
            assertThat(creates.tryTake("ann")).isTrue();
        }
        assertThat(creates.tryTake("ann")).isFalse();
        now.addAndGet(TimeUnit.SECONDS.toNanos(9));
        assertThat(creates.tryTake("ann")).isFalse();
        now.addAndGet(TimeUnit.SECONDS.toNanos(1));
        assertThat(creates.tryTake("ann")).isTrue();
    }

    @Test
    void usersHaveTheirOwnBuckets() {
        Limits browse = new Limits(Budget.BROWSE, clock, 100);
        for (int i = 0; i < 20; i++) {
            browse.tryTake("ann");
        }
        assertThat(browse.tryTake("ann")).isFalse();
        assertThat(browse.tryTake("bob")).isTrue();
    }

    @Test
    void aRefundGivesBackWhatWasTaken() {
        Limits uploads = new Limits(Budget.UPLOAD, clock, 100);
        for (int i = 0; i < 10; i++) {
            uploads.tryTake("ann");
        }
        uploads.refund("ann");
        assertThat(uploads.tryTake("ann")).isTrue();
        assertThat(uploads.tryTake("ann")).isFalse();
    }

    @Test
    void forgettingAHolderDropsItsBucketAndManyHoldersStayBounded() {
        Limits logins = new Limits(Budget.logins(2), clock, 3);
        logins.tryTake("a");
        logins.tryTake("a");
        assertThat(logins.tryTake("a")).isFalse();
        logins.forget("a");
        assertThat(logins.tryTake("a")).isTrue();
        for (int i = 0; i < 50; i++) {
            logins.tryTake("address-" + i);
            now.addAndGet(TimeUnit.MINUTES.toNanos(1));
        }
        assertThat(logins.holders()).isLessThanOrEqualTo(4);
    }
}
