package chat.flack.it;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static chat.flack.it.Sock.frame;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * PROTOCOL.md, "Unread": {@code read} and {@code unread} — counts of what others sent after the
 * read position, mentions among them, on every socket of the user, kept across sockets.
 */
class UnreadIT extends ServerIT {

    private static Optional<JsonObject> entry(JsonObject unread, String channel) {
        return unread.getJsonArray("channels").stream().map(JsonValue::asJsonObject)
                .filter(e -> e.getString("channel").equals(channel)).findFirst();
    }

    /** Waits until an {@code unread} frame says {@code channel} has {@code unread} and {@code mentions}. */
    private static JsonObject awaitCounts(Sock s, String channel, int unread, int mentions) {
        return s.awaitUnread(f -> entry(f, channel)
                        .filter(e -> e.getInt("unread") == unread && e.getInt("mentions") == mentions).isPresent(),
                channel + " at " + unread + " unread, " + mentions + " mentions");
    }

    private static JsonObject awaitNone(Sock s, String channel) {
        return s.awaitUnread(f -> entry(f, channel).isEmpty(), "nothing unread in " + channel);
    }

    private static long say(Sock s, String channel, String text) {
        s.say(channel, text);
        return s.await("message").getJsonObject("message").getJsonNumber("id").longValue();
    }

    @Test
    void messagesOfOthersAfterTheReadPositionAreCountedWithTheirMentionsUntilRead() {
        Client annClient = client();
        annClient.login(unique("ann"));
        Client bobClient = client();
        String bob = bobClient.login(unique("bob"));
        String channel = unique("news");
        try (Sock ann = annClient.socket(); Sock bobs = bobClient.socket()) {
            ann.create(channel);
            ann.join(channel);
            say(ann, channel, "before bob came");
            bobs.join(channel);
            bobs.send(frame("leave").add("channel", channel));
            say(ann, channel, "one");
            say(ann, channel, "two for @" + bob);
            long three = say(ann, channel, "three");
            JsonObject counts = awaitCounts(bobs, channel, 3, 1);
            assertThat(entry(counts, channel).orElseThrow().getJsonNumber("last").longValue()).isEqualTo(three);
            assertThat(entry(counts, channel)).as("a channel is counted from the first join on").isPresent();

            try (Sock bobsPhone = bobClient.socket()) {
                awaitCounts(bobsPhone, channel, 3, 1);
                bobs.send(frame("read").add("channel", channel).add("id", three - 1));
                awaitCounts(bobsPhone, channel, 1, 0);
                bobs.send(frame("read").add("channel", channel).add("id", 1));
                bobs.send(frame("read").add("channel", channel).add("id", three));
                awaitNone(bobsPhone, channel);
                awaitNone(bobs, channel);
            }
            try (Sock later = bobClient.socket()) {
                assertThat(entry(later.awaitUnread(f -> true, "the counts at opening"), channel))
                        .as("the read position is stored, not kept by one socket").isEmpty();
            }
        }
    }

    @Test
    void ownMessagesAreReadDeletedOnesUncountedAndAChannelNeverJoinedNeverUnread() {
        Client annClient = client();
        annClient.login(unique("ann"));
        Client bobClient = client();
        bobClient.login(unique("bob"));
        Client cyClient = client();
        cyClient.login(unique("cy"));
        String channel = unique("talk");
        try (Sock ann = annClient.socket(); Sock bobs = bobClient.socket(); Sock cy = cyClient.socket()) {
            ann.create(channel);
            ann.join(channel);
            bobs.join(channel);
            say(ann, channel, "a");
            long b = say(ann, channel, "b");
            bobs.await("message");
            bobs.await("message");
            awaitCounts(bobs, channel, 2, 0);
            ann.send(frame("delete").add("channel", channel).add("id", b));
            awaitCounts(bobs, channel, 1, 0);
            say(bobs, channel, "bob answers");
            awaitNone(bobs, channel);
            say(ann, channel, "c");
            awaitCounts(bobs, channel, 1, 0);
            awaitCounts(ann, channel, 1, 0);
            JsonObject cyCounts = cy.awaitUnread(f -> true, "cy's counts");
            assertThat(entry(cyCounts, channel)).as("never joined, never unread").isEmpty();
        }
    }

    @Test
    void aJoinsHistoryCarriesTheReadPositionOfThatMoment() {
        Client annClient = client();
        annClient.login(unique("ann"));
        Client bobClient = client();
        bobClient.login(unique("bob"));
        String channel = unique("divider");
        try (Sock ann = annClient.socket(); Sock bobs = bobClient.socket()) {
            ann.create(channel);
            ann.join(channel);
            long seen = say(ann, channel, "seen");
            bobs.awaitUnread(f -> true, "bob's first counts");
            assertThat(bobs.join(channel).isNull("read")).as("never joined before: not known").isTrue();
            bobs.send(frame("leave").add("channel", channel));
            say(ann, channel, "new one");
            long newer = say(ann, channel, "new two");
            awaitCounts(bobs, channel, 2, 0);
            assertThat(bobs.join(channel).getJsonNumber("read").longValue()).isEqualTo(seen);
            bobs.send(frame("read").add("channel", channel).add("id", newer));
            awaitNone(bobs, channel);
            assertThat(bobs.join(channel).getJsonNumber("read").longValue()).isEqualTo(newer);
        }
    }

    @Test
    void everyMessageOfADirectConversationCountsAsAMention() {
        Client annClient = client();
        annClient.login(unique("ann"));
        Client bobClient = client();
        String bob = bobClient.login(unique("bob"));
        try (Sock ann = annClient.socket(); Sock bobs = bobClient.socket()) {
            ann.await("directs");
            bobs.await("directs");
            ann.send(frame("direct").add("user", bob));
            String direct = ann.await("directs").getJsonArray("directs").getJsonObject(0).getString("channel");
            ann.join(direct);
            say(ann, direct, "psst");
            say(ann, direct, "are you there?");
            awaitCounts(bobs, direct, 2, 2);
        }
    }

    @Test
    void readingAChannelThatIsNotThereOrNotOnesOwnIsNoSuchChannel() {
        Client annClient = client();
        annClient.login(unique("ann"));
        Client bobClient = client();
        String bob = bobClient.login(unique("bob"));
        try (Sock ann = annClient.socket(); Sock eve = loggedIn().socket()) {
            ann.await("directs");
            ann.send(frame("direct").add("user", bob));
            String direct = ann.await("directs").getJsonArray("directs").getJsonObject(0).getString("channel");
            eve.send(frame("read").add("channel", direct).add("id", 1));
            eve.awaitError("no-such-channel", "read");
            eve.send(frame("read").add("channel", unique("nowhere")).add("id", 1));
            eve.awaitError("no-such-channel", "read");
            eve.send("{\"type\":\"read\",\"channel\":\"x\"}");
            eve.awaitError("bad-request", "read");
        }
    }

    @Test
    void aBurstOfMessagesMakesFewUnreadFramesNotOnePerMessage() {
        Client annClient = client();
        annClient.login(unique("ann"));
        Client bobClient = client();
        bobClient.login(unique("bob"));
        String channel = unique("burst");
        try (Sock ann = annClient.socket(); Sock bobs = bobClient.socket()) {
            ann.create(channel);
            ann.join(channel);
            bobs.join(channel);
            for (int i = 0; i < 15; i++) {
                ann.say(channel, "m" + i);
            }
            List<JsonObject> frames = new java.util.ArrayList<>();
            bobs.awaitUnread(f -> {
                frames.add(f);
                return entry(f, channel).filter(e -> e.getInt("unread") == 15).isPresent();
            }, "all 15 counted");
            assertThat(frames.size()).as("unread frames for 15 messages sent at once (coalesced, at most one a second)")
                    .isLessThan(6);
        }
    }

    @Test
    void readersWithTheSameCountsAndOneWhoReadMoreEachGetTheirOwn() {
        String channel = unique("many");
        try (Sock ann = loggedIn().socket(); Sock bobs = loggedIn().socket(); Sock cy = loggedIn().socket();
             Sock dee = loggedIn().socket()) {
            ann.create(channel);
            ann.join(channel);
            bobs.join(channel);
            cy.join(channel);
            dee.join(channel);
            long one = say(ann, channel, "one");
            say(ann, channel, "two");
            awaitCounts(dee, channel, 2, 0);
            dee.send(frame("read").add("channel", channel).add("id", one));
            awaitCounts(dee, channel, 1, 0);
            say(ann, channel, "three");
            awaitCounts(bobs, channel, 3, 0);
            awaitCounts(cy, channel, 3, 0);
            awaitCounts(dee, channel, 2, 0);
        }
    }
}
