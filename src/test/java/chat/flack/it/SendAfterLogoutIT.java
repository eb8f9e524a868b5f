package chat.flack.it;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import static chat.flack.it.Sock.frame;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A socket whose login has ended can no longer speak: what it sends in the moment between the
 * logout and its close reaches nobody and is not stored.
 */
class SendAfterLogoutIT extends ServerIT {

    @Test
    void aSendWrittenRightAfterItsLoginEndedReachesNobodyAndIsNotStored() throws Exception {
        Client alice = client();
        String aliceName = alice.login(unique("alice"));
        String ghost = "sent after logout " + UUID.randomUUID();
        try (Sock bob = loggedIn().socket();
             // A raw client, which does not answer the server's close frame: so its send is surely
             // written after the logout and still reaches the server, whenever the close comes.
             RawWebSocket socket = new RawWebSocket(alice)) {
            String channel = createdChannel(bob);
            bob.join(channel);
            socket.sendText(frame("join").add("channel", channel).build().toString());
            socket.readTextUntil(f -> type(f).equals("history"), Sock.WAIT);

            assertThat(alice.postForm("/logout", Map.of(), false).statusCode()).isEqualTo(303);
            socket.sendText(frame("send").add("channel", channel).add("text", ghost).build().toString());

            assertThat(socket.readCloseCode(Sock.WAIT)).as("the close code of the logged-out socket").isEqualTo(1008);
            List<JsonObject> seenByBob = new CopyOnWriteArrayList<>();
            await("no message of the logged-out user").during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
                    .until(() -> {
                        seenByBob.addAll(bob.collectUntilQuietFor(Duration.ofMillis(1)));
                        return seenByBob.stream().noneMatch(f -> f.getString("type").equals("message")
                                && f.getJsonObject("message").getString("user").equals(aliceName));
                    });
            bob.say(channel, "bob is still here");
            assertThat(bob.await("message").getJsonObject("message").getString("text"))
                    .as("the next message bob receives").isEqualTo("bob is still here");
            List<String> stored = bob.join(channel).getJsonArray("messages").getValuesAs(JsonObject.class).stream()
                    .map(m -> m.getString("text")).toList();
            assertThat(stored).doesNotContain(ghost).containsExactly("bob is still here");
        }
    }

    private static String type(String frame) {
        return Json.createReader(new StringReader(frame)).readObject().getString("type");
    }

    private static String createdChannel(Sock s) {
        String channel = unique("farewell");
        s.createAndAwait(channel);
        return channel;
    }
}
