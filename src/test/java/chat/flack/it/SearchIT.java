package chat.flack.it;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.Test;

import java.util.List;

import static chat.flack.it.Sock.frame;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * PROTOCOL.md, "Search": {@code search} and {@code results} over a real Tomcat and its database
 * (H2, and PostgreSQL in the PostgreSQL run): words, the last one as a prefix, scope, newest
 * first, paging, deleted messages and other people's direct conversations never found.
 */
class SearchIT extends ServerIT {

    private static List<String> texts(JsonObject results) {
        return results.getJsonArray("messages").stream().map(JsonValue::asJsonObject)
                .map(m -> m.getString("text")).toList();
    }

    private static JsonObject search(Sock s, String query, String channel, Long before) {
        var f = frame("search").add("query", query);
        if (channel != null) {
            f.add("channel", channel);
        }
        if (before != null) {
            f.add("before", before);
        }
        s.send(f);
        return s.await("results");
    }

    private static long say(Sock s, String channel, String text) {
        s.say(channel, text);
        return s.await(f -> f.getString("type").equals("message")
                && f.getJsonObject("message").getString("text").equals(text), text)
                .getJsonObject("message").getJsonNumber("id").longValue();
    }

    @Test
    void wordsAndAPrefixAreFoundNewestFirstInTheScopeAsked() {
        String tag = unique("w").replace("-", "");
        try (Sock s = loggedIn().socket()) {
            String ops = unique("ops");
            String dev = unique("dev");
            s.create(ops);
            s.create(dev);
            s.join(ops);
            say(s, ops, "We deploy " + tag + " on Friday");
            say(s, ops, "DEPLOYMENT of " + tag + " is done");
            s.join(dev);
            say(s, dev, "Don't deploy " + tag + " before review");

            JsonObject all = search(s, tag + " depl", null, null);
            assertThat(all.getString("query")).isEqualTo(tag + " depl");
            assertThat(all.isNull("channel")).isTrue();
            assertThat(texts(all)).containsExactly("Don't deploy " + tag + " before review",
                    "DEPLOYMENT of " + tag + " is done", "We deploy " + tag + " on Friday");
            assertThat(all.getBoolean("more")).isFalse();

            JsonObject inOps = search(s, "deploy " + tag, ops, null);
            assertThat(inOps.getString("channel")).isEqualTo(ops);
            assertThat(texts(inOps)).as("every word, whole but the last").containsExactly("We deploy " + tag + " on Friday");
            assertThat(texts(search(s, "depl " + tag + " friday", null, null))).as("only the last word is a prefix")
                    .isEmpty();
            assertThat(texts(search(s, "don " + tag, null, null))).as("punctuation splits words").hasSize(1);
        }
    }

    @Test
    void pagesGoBackByBeforeAndDeletedMessagesAreNeverFound() {
        String tag = unique("p").replace("-", "");
        try (Sock s = loggedIn().socket(); Sock other = loggedIn().socket()) {
            String channel = unique("many");
            s.create(channel);
            s.join(channel);
            other.join(channel);
            long first = 0;
            // 23 messages from two people: more than one person's burst of 20
            for (int i = 0; i < 23; i++) {
                long id = say(i % 2 == 0 ? s : other, channel, tag + " number " + i);
                first = i == 0 ? id : first;
            }
            JsonObject page = search(s, tag, null, null);
            assertThat(texts(page)).hasSize(20).first().isEqualTo(tag + " number 22");
            assertThat(page.getBoolean("more")).isTrue();
            long last = page.getJsonArray("messages").getJsonObject(19).getJsonNumber("id").longValue();
            JsonObject next = search(s, tag, null, last);
            assertThat(texts(next)).containsExactly(tag + " number 2", tag + " number 1", tag + " number 0");
            assertThat(next.getBoolean("more")).isFalse();

            s.send(frame("delete").add("channel", channel).add("id", first));
            s.await("update");
            assertThat(texts(search(s, tag + " number", null, last))).containsExactly(tag + " number 2", tag + " number 1");
        }
    }

    @Test
    void directConversationsAreSearchedOnlyByTheirTwo() {
        String tag = unique("d").replace("-", "");
        Client ann = client();
        ann.login(unique("ann"));
        Client bob = client();
        String bobName = bob.login(unique("bob"));
        try (Sock a = ann.socket(); Sock b = bob.socket(); Sock eve = loggedIn().socket()) {
            a.await("directs");
            a.send(frame("direct").add("user", bobName));
            String direct = a.await("directs").getJsonArray("directs").getJsonObject(0).getString("channel");
            a.join(direct);
            say(a, direct, "the secret word is " + tag);
            assertThat(texts(search(b, tag, null, null))).as("bob's own conversation").hasSize(1);
            assertThat(texts(search(eve, tag, null, null))).as("nobody else finds it").isEmpty();
            eve.send(frame("search").add("query", tag).add("channel", direct));
            eve.awaitError("no-such-channel", "search");
        }
    }

    @Test
    void anEmptyOrOverlongQueryIsABadRequest() {
        try (Sock s = loggedIn().socket()) {
            for (String query : List.of("", "   ", "!!! ...", "x".repeat(201))) {
                s.send(frame("search").add("query", query));
                s.awaitError("bad-request", "search");
            }
            s.send(frame("search").add("query", "x").add("channel", unique("nowhere")));
            s.awaitError("no-such-channel", "search");
            s.send("{\"type\":\"search\"}");
            s.awaitError("bad-request", "search");
        }
    }
}
