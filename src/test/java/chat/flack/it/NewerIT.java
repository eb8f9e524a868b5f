package chat.flack.it;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static chat.flack.it.Sock.frame;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * PROTOCOL.md, {@code newer}: the page of a channel just after a message id, which with
 * {@code older} lets a client load the history around a message (a search result) and page
 * forward to the newest. Over a real Tomcat and its database (H2, and PostgreSQL in the
 * PostgreSQL run).
 */
class NewerIT extends ServerIT {

    private static List<String> texts(JsonObject history) {
        return history.getJsonArray("messages").stream().map(JsonValue::asJsonObject)
                .map(m -> m.getString("text")).toList();
    }

    private static long say(Sock s, String channel, String text) {
        s.say(channel, text);
        return s.await(f -> f.getString("type").equals("message")
                && f.getJsonObject("message").getString("text").equals(text), text)
                .getJsonObject("message").getJsonNumber("id").longValue();
    }

    private static JsonObject newer(Sock s, String channel, long after) {
        s.send(frame("newer").add("channel", channel).add("after", after));
        return s.await("history");
    }

    @Test
    void newerAnswersTheMessagesJustAfterAnIdOldestFirstAndNothingPastTheNewest() {
        try (Sock s = loggedIn().socket()) {
            String channel = unique("Forward");
            s.create(channel);
            s.join(channel);
            List<Long> ids = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                ids.add(say(s, channel, "n" + i));
            }
            JsonObject page = newer(s, channel.toUpperCase(), ids.get(1));
            assertThat(page.getString("channel")).as("the name as created").isEqualTo(channel);
            assertThat(page.getJsonNumber("after").longValue()).isEqualTo(ids.get(1));
            assertThat(page.getInt("limit")).isEqualTo(100);
            assertThat(page.containsKey("before")).isFalse();
            assertThat(texts(page)).containsExactly("n2", "n3", "n4");

            assertThat(texts(newer(s, channel, 0))).containsExactly("n0", "n1", "n2", "n3", "n4");
            assertThat(texts(newer(s, channel, ids.get(4)))).as("past the newest").isEmpty();
            assertThat(texts(newer(s, channel, Long.MAX_VALUE))).isEmpty();

            // older(before = id + 1) and newer(after = id): the message and the history around it.
            s.send(frame("older").add("channel", channel).add("before", ids.get(2) + 1));
            assertThat(texts(s.await("history"))).containsExactly("n0", "n1", "n2");
            assertThat(texts(newer(s, channel, ids.get(2)))).containsExactly("n3", "n4");
        }
    }

    @Test
    void aPageHoldsAtMostTheLimitAndAShorterOneIsTheNewest() {
        String channel = channelFromServer();
        List<Sock> senders = new ArrayList<>();
        try {
            for (int i = 0; i < 6; i++) { // 105 messages: within every sender's burst of 20
                Sock s = loggedIn().socket();
                senders.add(s);
                s.join(channel);
            }
            List<Long> ids = new ArrayList<>();
            for (int i = 0; i < 105; i++) {
                ids.add(say(senders.get(i % senders.size()), channel, "m" + i));
            }
            Sock reader = senders.get(0);
            JsonObject first = newer(reader, channel, 0);
            assertThat(texts(first)).hasSize(100).first().isEqualTo("m0");
            assertThat(texts(first)).last().isEqualTo("m99");
            JsonObject rest = newer(reader, channel, ids.get(99));
            assertThat(texts(rest)).containsExactly("m100", "m101", "m102", "m103", "m104");
            assertThat(rest.getJsonArray("messages").size()).isLessThan(rest.getInt("limit"));
        } finally {
            senders.forEach(Sock::close);
        }
    }

    @Test
    void aMalformedNewerIsABadRequestAndAnUnknownChannelIsNoSuchChannel() {
        try (Sock s = loggedIn().socket()) {
            String channel = unique("typed");
            s.create(channel);
            s.join(channel);
            for (String bad : List.of(
                    frame("newer").add("channel", channel).add("after", "ten").build().toString(),
                    frame("newer").add("channel", channel).add("after", 1.5).build().toString(),
                    frame("newer").add("channel", channel).addNull("after").build().toString(),
                    frame("newer").add("channel", channel).add("after", true).build().toString(),
                    frame("newer").add("channel", channel).build().toString(),
                    frame("newer").add("channel", 5).add("after", 1).build().toString(),
                    frame("newer").add("after", 1).build().toString())) {
                s.send(bad);
                JsonObject error = s.awaitError("bad-request", "newer");
                assertThat(error.keySet()).containsExactlyInAnyOrder("type", "code", "message", "ref");
            }
            s.send(frame("newer").add("channel", unique("ghost")).add("after", 0));
            s.awaitError("no-such-channel", "newer");
            assertThat(s.isClosed()).isFalse();
            say(s, channel, "still here");
        }
    }

    @Test
    void aDirectConversationPagesForwardForItsTwoOnly() {
        Client ann = client();
        ann.login(unique("ann"));
        Client bob = client();
        String bobName = bob.login(unique("bob"));
        try (Sock a = ann.socket(); Sock b = bob.socket(); Sock eve = loggedIn().socket()) {
            a.await("directs");
            b.await("directs");
            a.send(frame("direct").add("user", bobName));
            String direct = a.await("directs").getJsonArray("directs").getJsonObject(0).getString("channel");
            a.join(direct);
            long id = say(a, direct, "first between us");
            say(a, direct, "second between us");

            assertThat(texts(newer(b, direct, id))).as("the other member").containsExactly("second between us");
            eve.await("channels");
            eve.send(frame("newer").add("channel", direct).add("after", 0));
            JsonObject hidden = eve.awaitError("no-such-channel", "newer");
            eve.send(frame("newer").add("channel", "@000000000000000000000000").add("after", 0));
            assertThat(eve.awaitError("no-such-channel", "newer").getString("message"))
                    .as("the same answer as for a name nobody made").isEqualTo(hidden.getString("message"));
            assertThat(eve.drain()).noneMatch(f -> f.toString().contains("between us"));
        }
    }

    @Test
    void newerAndOlderShareOneRateLimit() {
        try (Sock s = loggedIn().socket()) {
            String channel = unique("budget");
            s.create(channel);
            s.join(channel);
            int asked = 60;
            long start = System.nanoTime();
            for (int i = 0; i < asked; i++) {
                String type = i % 2 == 0 ? "newer" : "older";
                s.send(frame(type).add("channel", channel).add(i % 2 == 0 ? "after" : "before", 1));
            }
            int answered = 0;
            List<String> limited = new ArrayList<>();
            while (answered + limited.size() < asked) {
                JsonObject f = s.next();
                if (f.getString("type").equals("history")) {
                    answered++;
                } else if (f.getString("type").equals("error")) {
                    assertThat(f.getString("code")).isEqualTo("rate-limited");
                    limited.add(f.getString("ref"));
                }
            }
            // One budget of 20 at once (the join took one, which may have come back by the
            // first ask), then 5 a second for as long as the server took to answer them all:
            // separate budgets would answer 40.
            double seconds = (System.nanoTime() - start) / 1e9;
            assertThat(answered).isBetween(19, 20 + (int) Math.ceil(5 * seconds));
            assertThat(answered).isLessThan(40);
            assertThat(limited).contains("newer", "older");
        }
    }
}
