package chat.flack.it;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The newest pages that answer joins are kept in memory within {@code FLACK_MAX_PAGE_BYTES}:
 * channels full of long messages pass the budget, the pages used longest ago are dropped, and
 * a join of such a channel still gets its whole newest page, read again from the database.
 */
class PageBudgetProcessIT {

    private static final int BUDGET = 1024 * 1024;
    private static final int CHANNELS = 3;
    private static final int PAGE = 100;

    @Test
    void channelsFullOfLongMessagesStayWithinTheBudgetAndEveryJoinGetsTheWholePage() throws Exception {
        String process = ServerIT.unique("pages");
        Map<String, String> env = RestartProcessIT.flackEnv(process);
        env.put("FLACK_MAX_PAGE_BYTES", Integer.toString(BUDGET));
        env.put("FLACK_RATE_BURST", "1000");
        try (TomcatProcess tomcat = new TomcatProcess(process, env)) {
            tomcat.start();
            Client writer = new Client(tomcat.url());
            writer.login(ServerIT.unique("Writer"));
            List<String> channels = new ArrayList<>();
            List<List<Long>> ids = new ArrayList<>();
            try (Sock s = writer.socket()) {
                for (int c = 0; c < CHANNELS; c++) {
                    String channel = ServerIT.unique("long" + c);
                    channels.add(channel);
                    s.create(channel);
                    s.join(channel);
                    List<Long> sent = new ArrayList<>();
                    for (int i = 0; i < PAGE; i++) {
                        s.say(channel, i + " " + "w".repeat(3990), "c" + i);
                        sent.add(s.await("message").getJsonObject("message").getJsonNumber("id").longValue());
                    }
                    ids.add(sent);
                }
            }
            // Three pages of a hundred 4 000-character messages are about 2.4 MB of heap.
            assertThat(Metrics.read(writer, "flack_pages_bytes")).as("bytes of the pages in memory")
                    .isPositive().isLessThanOrEqualTo(BUDGET);

            Client reader = new Client(tomcat.url());
            reader.login(ServerIT.unique("Reader"));
            try (Sock s = reader.socket()) {
                for (int c = 0; c < CHANNELS; c++) {
                    JsonObject history = s.join(channels.get(c));
                    assertThat(history.getJsonArray("messages")).as("the history of %s", channels.get(c))
                            .extracting(v -> v.asJsonObject().getJsonNumber("id").longValue())
                            .containsExactlyElementsOf(ids.get(c));
                    assertThat(Metrics.read(reader, "flack_pages_bytes")).isLessThanOrEqualTo(BUDGET);
                }
            }
        }
    }
}
