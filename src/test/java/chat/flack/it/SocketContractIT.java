package chat.flack.it;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import static chat.flack.it.Sock.frame;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/** Every WebSocket row of PROTOCOL.md, good paths and listed errors. */
class SocketContractIT extends ServerIT {

    private static final Pattern TIMESTAMP = Pattern.compile("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");

    private static List<String> names(JsonObject channels) {
        return channels.getJsonArray("channels").stream().map(v -> v.asJsonObject().getString("name")).toList();
    }

    @Test
    void anonymousHandshakeIsRefused() {
        Throwable t = catchThrowable(() -> Sock.handshake(client(), originOf(), new WebSocket.Listener() { })
                .get(10, TimeUnit.SECONDS));
        assertThat(t).isInstanceOf(ExecutionException.class);
        assertThat(Sock.refusedStatus(t)).isIn(401, 403);
    }

    @Test
    void crossOriginHandshakeIsRefused() {
        Client c = loggedIn();
        for (String origin : List.of("http://evil.example", "http://127.0.0.1.evil.example:" + base.getPort(), "null")) {
            Throwable t = catchThrowable(() -> Sock.handshake(c, origin, new WebSocket.Listener() { })
                    .get(10, TimeUnit.SECONDS));
            assertThat(Sock.refusedStatus(t)).as(origin).isEqualTo(403);
        }
    }

    @Test
    void handshakeWithoutOriginIsRefused() {
        Client c = loggedIn();
        Throwable t = catchThrowable(() -> Sock.handshake(c, null, new WebSocket.Listener() { })
                .get(10, TimeUnit.SECONDS));
        assertThat(Sock.refusedStatus(t)).isEqualTo(403);
    }

    @Test
    void theChannelListArrivesRightAfterOpening() {
        Client c = loggedIn();
        String channel = unique("first");
        try (Sock s = c.socket()) {
            s.await("channels");
            s.create(channel);
            assertThat(names(s.await("channels"))).contains(channel);
        }
        try (Sock s = c.socket()) {
            assertThat(names(s.await("channels"))).contains(channel);
        }
    }

    @Test
    void creatingAChannelTellsEveryConnection() {
        try (Sock a = loggedIn().socket(); Sock b = loggedIn().socket()) {
            a.await("channels");
            b.await("channels");
            String channel = unique("news");
            a.create(channel);
            List<String> seenByB = names(b.await("channels"));
            assertThat(seenByB.get(seenByB.size() - 1)).isEqualTo(channel);
            assertThat(names(a.await("channels"))).endsWith(channel);
        }
    }

    @Test
    void aSecondCreateOfTheSameNameIsRefusedAndKeepsTheMessages() {
        try (Sock a = loggedIn().socket(); Sock b = loggedIn().socket()) {
            String channel = unique("Dup");
            a.create(channel);
            a.join(channel);
            a.say(channel, "kept");
            a.await("message");
            b.create(channel.toUpperCase());
            b.awaitError("channel-taken", "create");
            JsonObject history = b.join(channel);
            assertThat(history.getString("channel")).isEqualTo(channel);
            assertThat(history.getJsonArray("messages")).hasSize(1);
        }
    }

    @Test
    void invalidChannelNamesAreRefused() {
        try (Sock s = loggedIn().socket()) {
            for (String bad : List.of("", "  ", "a/b", "x".repeat(49), "<b>")) {
                s.create(bad);
                s.awaitError("invalid-channel", "create");
            }
        }
    }

    @Test
    void joinAnswersWithTheHistoryOldestFirst() {
        try (Sock a = loggedIn().socket()) {
            String channel = unique("hist");
            a.create(channel);
            a.join(channel);
            for (int i = 0; i < 3; i++) {
                a.say(channel, "m" + i);
                a.await("message");
            }
            try (Sock b = loggedIn().socket()) {
                JsonObject history = b.join(channel.toLowerCase());
                assertThat(history.getString("channel")).isEqualTo(channel);
                List<JsonObject> messages = history.getJsonArray("messages").getValuesAs(JsonObject.class);
                assertThat(messages).extracting(m -> m.getString("text")).containsExactly("m0", "m1", "m2");
                assertThat(messages.get(0).getJsonNumber("id").longValue())
                        .isLessThan(messages.get(2).getJsonNumber("id").longValue());
            }
        }
    }

    @Test
    void joiningAnUnknownChannelIsAnError() {
        try (Sock s = loggedIn().socket()) {
            s.send(frame("join").add("channel", unique("nowhere")));
            s.awaitError("no-such-channel", "join");
        }
    }

    @Test
    void aMessageHasEveryFieldOfTheContract() {
        Client c = client();
        String user = c.login(unique("Writer"));
        try (Sock s = c.socket()) {
            String channel = unique("fields");
            s.create(channel);
            s.join(channel);
            s.say(channel, "hello", "c-1");
            JsonObject m = s.await("message").getJsonObject("message");
            assertThat(m.getJsonNumber("id").longValue()).isPositive();
            assertThat(m.getString("channel")).isEqualTo(channel);
            assertThat(m.getString("user")).isEqualTo(user);
            assertThat(m.getString("text")).isEqualTo("hello");
            assertThat(m.isNull("image")).isTrue();
            assertThat(m.getString("timestamp")).matches(TIMESTAMP);
            assertThat(m.getString("clientId")).isEqualTo("c-1");
            s.say(channel, "no id");
            assertThat(s.await("message").getJsonObject("message").isNull("clientId")).isTrue();
        }
    }

    @Test
    void sendingOutsideTheJoinedChannelIsRefused() {
        try (Sock s = loggedIn().socket()) {
            String channel = unique("out");
            s.create(channel);
            s.say(channel, "not joined");
            s.awaitError("not-in-channel", "send");
            String other = unique("other");
            s.create(other);
            s.join(other);
            s.say(channel, "wrong channel");
            s.awaitError("not-in-channel", "send");
        }
    }

    @Test
    void leaveStopsTheMessages() {
        try (Sock a = loggedIn().socket(); Sock b = loggedIn().socket()) {
            String channel = unique("leave");
            a.create(channel);
            a.join(channel);
            b.join(channel);
            b.send(frame("leave").add("channel", channel));
            b.say(channel, "after leaving");
            b.awaitError("not-in-channel", "send");
            a.say(channel, "only for a");
            a.await("message");
            b.assertSilentFor(Duration.ofMillis(500));
        }
    }

    @Test
    void whoeverJoinsOrLeavesBetweenMessagesGetsExactlyTheMessagesSentWhileIn() {
        try (Sock a = loggedIn().socket(); Sock b = loggedIn().socket(); Sock c = loggedIn().socket()) {
            String channel = unique("between");
            a.create(channel);
            a.join(channel);
            a.say(channel, "one");
            assertThat(textOf(a.await("message"))).isEqualTo("one");

            b.join(channel);
            a.say(channel, "two");
            assertThat(textOf(a.await("message"))).isEqualTo("two");
            assertThat(textOf(b.await("message"))).as("a member who joined after a message").isEqualTo("two");

            b.send(frame("leave").add("channel", channel));
            b.say(channel, "after leaving");
            b.awaitError("not-in-channel", "send");
            a.say(channel, "three");
            assertThat(textOf(a.await("message"))).isEqualTo("three");

            c.join(channel);
            a.say(channel, "four");
            assertThat(textOf(a.await("message"))).isEqualTo("four");
            assertThat(textOf(c.await("message"))).isEqualTo("four");

            b.send(frame("join").add("channel", channel));
            assertThat(b.until(f -> f.getString("type").equals("history"), "history"))
                    .as("what b got while out of the channel").noneMatch(f -> f.getString("type").equals("message"));
            a.say(channel, "five");
            assertThat(textOf(a.await("message"))).isEqualTo("five");
            assertThat(textOf(c.await("message"))).isEqualTo("five");
            assertThat(textOf(b.await("message"))).as("what b got after leaving and coming back").isEqualTo("five");
        }
    }

    private static String textOf(JsonObject messageFrame) {
        return messageFrame.getJsonObject("message").getString("text");
    }

    @Test
    void joiningAnotherChannelLeavesThePreviousOne() {
        try (Sock a = loggedIn().socket(); Sock b = loggedIn().socket()) {
            String one = unique("one");
            String two = unique("two");
            a.create(one);
            a.create(two);
            a.join(one);
            b.join(one);
            b.join(two);
            a.say(one, "for one");
            a.await("message");
            b.assertSilentFor(Duration.ofMillis(500));
        }
    }

    @Test
    void emptyAndOverlongMessagesAreRefused() {
        try (Sock s = loggedIn().socket()) {
            String channel = unique("content");
            s.create(channel);
            s.join(channel);
            s.say(channel, "");
            s.awaitError("invalid-message", "send");
            s.say(channel, "   ");
            s.awaitError("invalid-message", "send");
            s.say(channel, "x".repeat(4001));
            s.awaitError("invalid-message", "send");
            s.say(channel, "😀".repeat(4000));
            assertThat(s.await("message").getJsonObject("message").getString("text")).hasSize(8000);
        }
    }

    @Test
    void anImageThatWasNotUploadedIsRefused() {
        try (Sock s = loggedIn().socket()) {
            String channel = unique("img");
            s.create(channel);
            s.join(channel);
            for (String image : List.of("/uploads/0123456789abcdef0123456789abcdef.png", "../../etc/passwd",
                    "/WEB-INF/web.xml", "http://evil.example/x.png")) {
                s.send(frame("send").add("channel", channel).add("text", "look").add("image", image));
                s.awaitError("no-such-image", "send");
            }
        }
    }

    @Test
    void malformedFramesAreBadRequestsAndTheConnectionStaysOpen() {
        try (Sock s = loggedIn().socket()) {
            s.await("channels");
            s.send("{not json");
            s.awaitError("bad-request", null);
            s.send("[1,2]");
            s.awaitError("bad-request", null);
            s.send("{\"no\":\"type\"}");
            s.awaitError("bad-request", null);
            s.send("{\"type\":42}");
            s.awaitError("bad-request", null);
            s.send(frame("dance").add("channel", "x"));
            s.awaitError("bad-request", "dance");
            s.send(frame("join"));
            s.awaitError("bad-request", "join");
            s.send(frame("join").add("channel", 5));
            s.awaitError("bad-request", "join");
            s.send(frame("send").add("channel", "x"));
            s.awaitError("bad-request", "send");
            s.send(frame("send").add("channel", "x").add("text", "t").add("clientId", "c".repeat(65)));
            s.awaitError("bad-request", "send");
            s.send(frame("send").add("channel", "x").add("text", "t").add("image", 7));
            s.awaitError("bad-request", "send");
            s.send(frame("older").add("channel", "x").add("before", "ten"));
            s.awaitError("bad-request", "older");
            String channel = unique("alive");
            s.create(channel);
            s.await("channels");
            assertThat(s.isClosed()).isFalse();
        }
    }

    @Test
    void olderPagesBackThroughTheHistory() {
        try (Sock s = loggedIn().socket()) {
            String channel = unique("paging");
            s.create(channel);
            s.join(channel);
            long firstId = 0;
            for (int i = 0; i < 5; i++) {
                s.say(channel, "p" + i);
                long id = s.await("message").getJsonObject("message").getJsonNumber("id").longValue();
                if (i == 0) {
                    firstId = id;
                }
            }
            s.send(frame("older").add("channel", channel).add("before", Long.MAX_VALUE));
            JsonObject all = s.await("history");
            List<JsonObject> messages = all.getJsonArray("messages").getValuesAs(JsonObject.class);
            assertThat(messages).extracting(m -> m.getString("text")).containsExactly("p0", "p1", "p2", "p3", "p4");
            long thirdId = messages.get(2).getJsonNumber("id").longValue();
            s.send(frame("older").add("channel", channel).add("before", thirdId));
            JsonObject page = s.await("history");
            assertThat(page.getJsonNumber("before").longValue()).isEqualTo(thirdId);
            assertThat(page.getJsonArray("messages").getValuesAs(JsonObject.class))
                    .extracting(m -> m.getString("text")).containsExactly("p0", "p1");
            s.send(frame("older").add("channel", channel).add("before", firstId));
            assertThat(s.await("history").getJsonArray("messages")).isEmpty();
            s.send(frame("older").add("channel", unique("ghost")).add("before", 10));
            s.awaitError("no-such-channel", "older");
        }
    }

    @Test
    void historyIsLimitedToTheNewestHundred() {
        Client c = loggedIn();
        try (Sock s = c.socket()) {
            String channel = unique("long");
            s.create(channel);
            s.join(channel);
            for (int i = 0; i < 105; i++) {
                // stays inside the rate limit: 20 at once, then 10 a second
                if (i >= 20) {
                    sleep(101);
                }
                s.say(channel, "n" + i);
                s.await("message");
            }
            try (Sock t = loggedIn().socket()) {
                List<JsonObject> page = t.join(channel).getJsonArray("messages").getValuesAs(JsonObject.class);
                assertThat(page).hasSize(100);
                assertThat(page.get(0).getString("text")).isEqualTo("n5");
                assertThat(page.get(99).getString("text")).isEqualTo("n104");
            }
        }
    }

    @Test
    void aFrameOverSixtyFourKibClosesWith1009() {
        try (Sock s = loggedIn().socket()) {
            s.await("channels");
            s.send("{\"type\":\"send\",\"channel\":\"x\",\"text\":\"" + "y".repeat(65 * 1024) + "\"}");
            assertThat(s.awaitClose()).isEqualTo(1009);
        }
    }

    @Test
    void aFrameJustUnderTheLimitIsRead() {
        try (Sock s = loggedIn().socket()) {
            s.await("channels");
            s.send("{\"type\":\"send\",\"channel\":\"x\",\"text\":\"" + "y".repeat(60 * 1024) + "\"}");
            s.awaitError("not-in-channel", "send");
        }
    }

    @Test
    void logoutClosesTheSessionsSocketsWith1008() {
        Client c = loggedIn();
        try (Sock s = c.socket(); Sock other = loggedIn().socket()) {
            s.await("channels");
            other.await("channels");
            c.postForm("/logout", Map.of(), false);
            assertThat(s.awaitClose()).isEqualTo(1008);
            assertThat(other.isClosed()).isFalse();
        }
    }

    @Test
    void theSameClientIdTwiceStoresOneMessageAndAnswersTheSenderAgain() {
        try (Sock a = loggedIn().socket(); Sock b = loggedIn().socket()) {
            String channel = unique("resend");
            a.create(channel);
            a.join(channel);
            b.join(channel);
            a.say(channel, "once", "same-id");
            JsonObject first = a.await("message").getJsonObject("message");
            assertThat(b.await("message").getJsonObject("message")).isEqualTo(first);
            a.say(channel, "once", "same-id");
            assertThat(a.await("message").getJsonObject("message")).isEqualTo(first);
            b.assertSilentFor(Duration.ofMillis(500));
            try (Sock c = loggedIn().socket()) {
                assertThat(c.join(channel).getJsonArray("messages")).hasSize(1);
            }
        }
    }

    @Test
    void aFloodIsAnsweredMessageByMessageWithRateLimitedPastTheBurst() {
        try (Sock s = loggedIn().socket()) {
            String channel = unique("flood");
            s.create(channel);
            s.join(channel);
            int sends = 60;
            long start = System.nanoTime();
            for (int i = 0; i < sends; i++) {
                s.say(channel, "f" + i);
            }
            int accepted = 0;
            int limited = 0;
            while (accepted + limited < sends) {
                JsonObject f = s.next();
                if (f.getString("type").equals("message")) {
                    accepted++;
                } else if (f.getString("type").equals("error")) {
                    assertThat(f.getString("code")).isEqualTo("rate-limited");
                    assertThat(f.getString("ref")).isEqualTo("send");
                    limited++;
                }
            }
            // A burst of 20, then 10 a second for as long as the server took to answer them all.
            double seconds = (System.nanoTime() - start) / 1e9;
            assertThat(accepted).isBetween(20, 20 + (int) Math.ceil(10 * seconds));
            assertThat(limited).isEqualTo(sends - accepted);
            s.assertSilentFor(Duration.ofMillis(300));
        }
    }

    private String originOf() {
        return base.getProtocol() + "://" + base.getAuthority();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
