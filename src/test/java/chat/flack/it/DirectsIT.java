package chat.flack.it;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static chat.flack.it.Sock.frame;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * PROTOCOL.md, direct conversations: {@code direct} and {@code directs}, and privacy tested as
 * an attacker would — a third user who knows (or guesses) the conversation's name finds nothing.
 */
class DirectsIT extends ServerIT {

    /** Two people, each with a socket that has had its first frames. */
    private final class Two implements AutoCloseable {
        final String aName = unique("dana");
        final String bName = unique("eli");
        final Client aClient = client();
        final Client bClient = client();
        final Sock a;
        final Sock b;

        Two() {
            aClient.login(aName);
            bClient.login(bName);
            a = aClient.socket();
            b = bClient.socket();
            a.await("directs");
            b.await("directs");
        }

        /** {@code a} opens the conversation with {@code b}; returns its channel name, as both were told. */
        String open() {
            a.send(frame("direct").add("user", bName));
            JsonObject toA = a.await("directs");
            JsonObject toB = b.await("directs");
            String channel = entries(toA).get(0).getString("channel");
            assertThat(entries(toA).get(0).getString("with")).isEqualTo(bName);
            assertThat(entries(toB)).singleElement().satisfies(e -> {
                assertThat(e.getString("channel")).isEqualTo(channel);
                assertThat(e.getString("with")).isEqualTo(aName);
            });
            return channel;
        }

        @Override
        public void close() {
            a.close();
            b.close();
        }
    }

    private static List<JsonObject> entries(JsonObject directs) {
        return directs.getJsonArray("directs").stream().map(JsonValue::asJsonObject).toList();
    }

    @Test
    void aDirectConversationIsOpenedOnceAndWorksLikeAChannelForItsTwo() {
        try (Two t = new Two()) {
            String channel = t.open();
            assertThat(channel).startsWith("@");
            t.b.send(frame("direct").add("user", t.aName));
            assertThat(entries(t.b.await("directs")).get(0).getString("channel"))
                    .as("the same conversation, whoever opens it again").isEqualTo(channel);
            t.a.await("directs");

            assertThat(t.a.join(channel).getString("channel")).isEqualTo(channel);
            t.b.join(channel);
            t.a.say(channel, "just between us");
            JsonObject m = t.b.await("message").getJsonObject("message");
            assertThat(m.getString("channel")).isEqualTo(channel);
            long id = m.getJsonNumber("id").longValue();
            t.a.await("message");
            t.b.send(frame("react").add("channel", channel).add("id", id).add("emoji", "👍").add("on", true));
            t.a.await("update");
            t.b.send(frame("typing").add("channel", channel));
            assertThat(t.a.await("typing").getString("user")).isEqualTo(t.bName);
            t.a.send(frame("older").add("channel", channel).add("before", id + 1));
            assertThat(t.a.await("history").getJsonArray("messages")).hasSize(1);
        }
    }

    @Test
    void aThirdUserFindsNoTraceOfIt() {
        try (Two t = new Two(); Sock eve = loggedIn().socket()) {
            String channel = t.open();
            t.a.join(channel);
            t.a.say(channel, "secret");
            long id = t.a.await("message").getJsonObject("message").getJsonNumber("id").longValue();

            JsonObject channels = eve.await("channels");
            assertThat(channels.toString()).doesNotContain(channel);
            assertThat(entries(eve.await("directs"))).isEmpty();
            eve.send(frame("join").add("channel", channel));
            eve.awaitError("no-such-channel", "join");
            eve.send(frame("join").add("channel", channel.toUpperCase()));
            eve.awaitError("no-such-channel", "join");
            eve.send(frame("older").add("channel", channel).add("before", id + 1));
            eve.awaitError("no-such-channel", "older");
            eve.say(channel, "let me in");
            eve.awaitError("not-in-channel", "send");
            eve.send(frame("edit").add("channel", channel).add("id", id).add("text", "mine now"));
            eve.awaitError("not-in-channel", "edit");
            eve.send(frame("react").add("channel", channel).add("id", id).add("emoji", "👀").add("on", true));
            eve.awaitError("not-in-channel", "react");
            eve.send(frame("typing").add("channel", channel));
            eve.awaitError("not-in-channel", "typing");
            eve.send(frame("join").add("channel", "@000000000000000000000000"));
            JsonObject guessed = eve.awaitError("no-such-channel", "join");
            eve.send(frame("join").add("channel", channel));
            assertThat(eve.awaitError("no-such-channel", "join").getString("message"))
                    .as("the same answer for a real conversation as for a made-up name")
                    .isEqualTo(guessed.getString("message"));
            t.b.assertSilentFor(Duration.ofMillis(300));
            assertThat(eve.drain()).as("nothing of the conversation reached the third user")
                    .noneMatch(f -> f.toString().contains("secret"));
        }
    }

    @Test
    void aLaterHolderOfANameDoesNotInheritItsConversations() {
        String name = unique("fay");
        Client first = client();
        first.login(name);
        Client other = client();
        String otherName = other.login(unique("gus"));
        String channel;
        try (Sock s = first.socket()) {
            s.await("directs");
            s.send(frame("direct").add("user", otherName));
            channel = entries(s.await("directs")).get(0).getString("channel");
        }
        assertThat(first.postForm("/logout", java.util.Map.of(), true).statusCode()).isLessThan(400);
        Client second = client();
        second.login(name);
        try (Sock s = second.socket()) {
            assertThat(entries(s.await("directs"))).as("the new holder's conversations").isEmpty();
            s.send(frame("join").add("channel", channel));
            s.awaitError("no-such-channel", "join");
        }
    }

    @Test
    void directNeedsSomebodyElseWhoIsRegistered() {
        Client c = client();
        String me = c.login(unique("hal"));
        try (Sock s = c.socket()) {
            s.await("directs");
            s.send(frame("direct").add("user", me));
            s.awaitError("no-such-user", "direct");
            s.send(frame("direct").add("user", unique("nobody")));
            s.awaitError("no-such-user", "direct");
            s.send(frame("direct").add("user", "<b>"));
            s.awaitError("invalid-name", "direct");
            s.send("{\"type\":\"direct\"}");
            s.awaitError("bad-request", "direct");
            s.assertSilentFor(Duration.ofMillis(200));
        }
    }
}
