package chat.flack.bench;

import org.junit.jupiter.api.Test;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The latencies a run reports: known samples give known percentiles, within HdrHistogram's three digits. */
class LatencyReportTest {

    private static final long MICROS = 1_000;
    /** Three significant digits, plus the report's rounding to 10 µs. */
    private static double precision(double ms) {
        return ms * 0.001 + 0.005;
    }

    private static Result.Latency report(Deliveries d) {
        return Result.Latency.of(d.latencies());
    }

    @Test
    void latenciesFromOneToAHundredMillisecondsHaveTheirPercentilesWhereTheyShouldBe() {
        Deliveries d = new Deliveries();
        for (long us = 1; us <= 100_000; us++) {
            d.delivered(0, us * MICROS);
        }

        Result.Latency l = report(d);

        assertThat(l.p50()).isCloseTo(50.0, within(precision(50.0)));
        assertThat(l.p90()).isCloseTo(90.0, within(precision(90.0)));
        assertThat(l.p99()).isCloseTo(99.0, within(precision(99.0)));
        assertThat(l.max()).isCloseTo(100.0, within(precision(100.0)));
        assertThat(d.latencies().getTotalCount()).isEqualTo(100_000);
    }

    @Test
    void aPercentileIsTheSampleAtItsRankNotAnAverage() {
        Deliveries d = new Deliveries();
        for (int i = 0; i < 98; i++) {
            d.delivered(0, 2 * MICROS * MICROS);
        }
        d.delivered(0, 10 * MICROS * MICROS);
        d.delivered(0, 50 * MICROS * MICROS);

        Result.Latency l = report(d);

        assertThat(l.p50()).isCloseTo(2.0, within(precision(2.0)));
        assertThat(l.p90()).isCloseTo(2.0, within(precision(2.0)));
        assertThat(l.p99()).as("the 99th of 100").isCloseTo(10.0, within(precision(10.0)));
        assertThat(l.max()).isCloseTo(50.0, within(precision(50.0)));
    }

    @Test
    void latenciesUnderTwoMillisecondsAreExactToTheMicrosecond() {
        Deliveries d = new Deliveries();
        d.delivered(1_000, 1_000 + 1_234 * MICROS);
        d.delivered(5_000, 5_000 + 1_999 * MICROS);

        assertThat(d.latencies().getValueAtPercentile(50)).isEqualTo(1_234);
        assertThat(d.latencies().getMaxValue()).isEqualTo(1_999);
    }

    @Test
    void deliveriesRecordedFromManyThreadsAreAllCounted() throws InterruptedException {
        Deliveries d = new Deliveries();
        ExecutorService threads = Executors.newFixedThreadPool(4);
        for (int t = 0; t < 4; t++) {
            long ms = t + 1;
            threads.execute(() -> {
                for (int i = 0; i < 25_000; i++) {
                    d.delivered(0, ms * MICROS * MICROS);
                }
            });
        }
        threads.shutdown();
        assertThat(threads.awaitTermination(30, TimeUnit.SECONDS)).isTrue();

        assertThat(d.delivered()).isEqualTo(100_000);
        assertThat(d.latencies().getTotalCount()).isEqualTo(100_000);
        assertThat(report(d).p50()).isCloseTo(2.0, within(precision(2.0)));
        assertThat(report(d).max()).isCloseTo(4.0, within(precision(4.0)));
    }

    @Test
    void takingTheLatenciesDuringARunLosesNothingOfWhatCameBefore() {
        Deliveries d = new Deliveries();
        d.delivered(0, 3 * MICROS * MICROS);
        assertThat(d.latencies().getTotalCount()).isEqualTo(1);

        d.delivered(0, 7 * MICROS * MICROS);

        assertThat(d.latencies().getTotalCount()).isEqualTo(2);
        assertThat(report(d).max()).isCloseTo(7.0, within(precision(7.0)));
    }

    @Test
    void aRunWithoutDeliveriesReportsZero() {
        assertThat(report(new Deliveries())).isEqualTo(new Result.Latency(0, 0, 0, 0));
    }
}
