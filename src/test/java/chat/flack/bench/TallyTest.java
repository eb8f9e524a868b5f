package chat.flack.bench;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** A run's counts over its channels: each channel's expected and lost deliveries are its own, then summed. */
class TallyTest {

    private final Channel first = new Channel("bench-x-0", 0, 2, 2);
    private final Channel second = new Channel("bench-x-1", 1, 2, 2);
    private final List<Channel> channels = List.of(first, second);

    private static void deliver(Channel c, int times, long latencyMicros) {
        for (int i = 0; i < times; i++) {
            c.deliveries.delivered(0, latencyMicros * 1_000);
        }
    }

    @Test
    void eachChannelExpectsItsAcceptedSendsTimesItsReceivers() {
        first.sent.add(2);
        second.sent.add(3);
        second.errors.record("rate-limited", "send");
        deliver(first, 6, 1_000);
        deliver(second, 3, 3_000);
        second.deliveries.duplicated();

        Tally t = Tally.of(channels, new int[] {3, 2});

        assertThat(t.sent()).isEqualTo(5);
        assertThat(t.refused()).isEqualTo(1);
        assertThat(t.expected()).as("2 × 3 + (3 − 1) × 2").isEqualTo(10);
        assertThat(t.delivered()).isEqualTo(9);
        assertThat(t.lost()).isEqualTo(1);
        assertThat(t.duplicated()).isEqualTo(1);
        assertThat(t.errors()).containsExactly(Map.entry("rate-limited", 1L));
        assertThat(t.latencies().getTotalCount()).isEqualTo(9);
        assertThat(Result.Latency.of(t.latencies()).max()).isCloseTo(3.0, within(0.01));
    }

    @Test
    void aDeliveryTooManyInOneChannelDoesNotHideOneLostInAnother() {
        first.sent.add(1);
        second.sent.add(1);
        deliver(first, 3, 1_000);
        deliver(second, 1, 1_000);

        Tally t = Tally.of(channels, new int[] {2, 2});

        assertThat(t.delivered()).isEqualTo(t.expected());
        assertThat(t.lost()).isEqualTo(1);
        assertThat(Tally.complete(channels, new int[] {2, 2})).isFalse();
    }

    @Test
    void messagesOfAnotherChannelAreCountedApart() {
        first.sent.add(1);
        deliver(first, 1, 1_000);
        first.deliveries.misdelivered();

        Tally t = Tally.of(channels, new int[] {1, 0});

        assertThat(t.delivered()).isEqualTo(1);
        assertThat(t.misdelivered()).isEqualTo(1);
        assertThat(t.lost()).isZero();
        assertThat(Tally.complete(channels, new int[] {1, 0})).isTrue();
    }
}
