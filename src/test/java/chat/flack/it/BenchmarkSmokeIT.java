package chat.flack.it;

import chat.flack.bench.Bench;
import chat.flack.bench.Result;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The benchmark tool's fan-out run, small, against Flack on a real Tomcat: every message reaches
 * every receiver exactly once. Timings are printed with the result, never asserted.
 */
class BenchmarkSmokeIT extends ServerIT {

    @Test
    void everyMessageReachesEveryReceiverExactlyOnce() {
        List<Result> results = Bench.run(
                "--url", base.toString(),
                "--clients", "50", "--senders", "5", "--rate", "25", "--duration", "2",
                "--payload", "100", "--drain", "10",
                "--label", "BenchmarkSmokeIT",
                "--out", "target/bench-results-it.jsonl", "--force");

        assertThat(results).hasSize(1);
        Result r = results.get(0);
        assertThat(r.connectFailures()).as("clients that could not connect").isZero();
        assertThat(r.sent()).as("messages sent").isEqualTo(50);
        assertThat(r.refused()).as("sends the server refused").isZero();
        assertThat(r.expected()).isEqualTo(50L * 50);
        assertThat(r.delivered()).as("deliveries").isEqualTo(r.expected());
        assertThat(r.lost()).as("lost deliveries").isZero();
        assertThat(r.duplicated()).as("duplicated deliveries").isZero();
    }
}
