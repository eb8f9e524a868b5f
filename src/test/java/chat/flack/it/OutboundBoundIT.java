package chat.flack.it;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static chat.flack.it.Sock.frame;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A connection whose unread output passes its bound is closed as too slow, whatever filled it
 * (here: the answers to its own {@code older} requests), and nobody else waits for it.
 */
class OutboundBoundIT extends ServerIT {

    private static final String LAGGING = "flack_connections_closed_lagging_total";
    private static final int FILLERS = 5;
    private static final int EACH = 20;

    @Test
    void aReaderThatAsksForOlderPagesAndStopsReadingIsClosedWhileAnotherMemberGetsEveryMessage() throws Exception {
        String channel = unique("heavy");
        long newest = fill(channel);
        try (Sock member = loggedIn().socket(); Sock talker = loggedIn().socket()) {
            member.join(channel);
            talker.join(channel);
            double closedBefore = Metrics.read(client(), LAGGING);
            try (RawWebSocket stalled = new RawWebSocket(loggedIn())) {
                // Pongs keep it looking alive: only its queue, not the heartbeat, may find it out.
                stalled.keepPonging(Duration.ofMillis(500));
                stalled.sendText(frame("join").add("channel", channel).build().toString());
                for (int i = 0; i < 20; i++) {
                    stalled.sendText(frame("older").add("channel", channel).add("before", newest + 1).build().toString());
                }
                for (int i = 0; i < 20; i++) {
                    talker.say(channel, "while it stalls " + i);
                    assertThat(text(member.await("message"))).isEqualTo("while it stalls " + i);
                }
                await("the stalled reader closed as too slow").atMost(Duration.ofSeconds(30))
                        .pollInterval(Duration.ofMillis(500))
                        .until(() -> Metrics.read(client(), LAGGING) >= closedBefore + 1);
                assertThat(stalled.endsWithin(Duration.ofSeconds(30))).as("the server ended the stalled connection").isTrue();
                talker.say(channel, "after it was closed");
                assertThat(text(member.await("message"))).isEqualTo("after it was closed");
            }
        }
    }

    /**
     * Fills {@code channel} (created here) with {@value FILLERS} × {@value EACH} messages of
     * 3 900 characters, each user within its burst, and returns the newest id.
     */
    private long fill(String channel) {
        try (Sock owner = loggedIn().socket()) {
            owner.createAndAwait(channel);
        }
        long newest = 0;
        for (int u = 0; u < FILLERS; u++) {
            try (Sock s = loggedIn().socket()) {
                s.join(channel);
                for (int i = 0; i < EACH; i++) {
                    String head = "user " + u + " message " + i + " ";
                    s.say(channel, head + "x".repeat(3_900 - head.length()), "fill-" + i);
                }
                for (int i = 0; i < EACH; i++) {
                    newest = Math.max(newest, s.await("message").getJsonObject("message").getJsonNumber("id").longValue());
                }
            }
        }
        return newest;
    }

    private static String text(JsonObject messageFrame) {
        return messageFrame.getJsonObject("message").getString("text");
    }
}
