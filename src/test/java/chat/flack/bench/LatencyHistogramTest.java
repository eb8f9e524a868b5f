package chat.flack.bench;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class LatencyHistogramTest {

    @Test
    void percentilesAreWithinTheBucketPrecision() {
        LatencyHistogram h = new LatencyHistogram();
        for (long v = 1; v <= 100_000; v++) {
            h.record(v);
        }
        assertThat(h.count()).isEqualTo(100_000);
        assertThat((double) h.percentileMicros(0.50)).isCloseTo(50_000, within(50_000 * 0.016));
        assertThat((double) h.percentileMicros(0.99)).isCloseTo(99_000, within(99_000 * 0.016));
        assertThat(h.percentileMicros(1.0)).isEqualTo(100_000);
        assertThat(h.maxMicros()).isEqualTo(100_000);
    }

    @Test
    void smallValuesAreExact() {
        LatencyHistogram h = new LatencyHistogram();
        h.record(3);
        h.record(7);
        assertThat(h.percentileMicros(0.5)).isEqualTo(3);
        assertThat(h.percentileMicros(0.9)).isEqualTo(7);
    }

    @Test
    void bucketsAreContiguous() {
        for (long v = 0; v < 1 << 18; v++) {
            int i = LatencyHistogram.index(v);
            if (LatencyHistogram.highestIn(i) < v || (i > 0 && LatencyHistogram.highestIn(i - 1) >= v)) {
                throw new AssertionError("value " + v + " is outside its bucket " + i);
            }
        }
    }

    @Test
    void anEmptyHistogramReportsZero() {
        assertThat(new LatencyHistogram().percentileMicros(0.99)).isZero();
    }
}
