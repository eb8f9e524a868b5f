package chat.flack.it;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;

import static chat.flack.it.Sock.frame;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Flack frames what it sends itself: read here by a client that decodes every byte and refuses
 * a masked frame or one with reserved bits set, after offering compression.
 */
class WireFramesIT extends ServerIT {

    private static final String DEFLATE = "Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits\r\n";
    private static final Duration WITHIN = Duration.ofSeconds(20);

    @Test
    void compressionOfferedIsDeclinedAndFramesOfEveryLengthArrivePlain() throws Exception {
        String channel = unique("wire");
        try (Sock owner = loggedIn().socket()) {
            owner.createAndAwait(channel);
            owner.join(channel);
            // 18 of the sender's burst of 20, so that the live message below is not rate-limited
            // however soon it follows them.
            for (int i = 0; i < 18; i++) {
                String head = "long message " + i + " ";
                owner.say(channel, head + "y".repeat(3_900 - head.length()), "wire-" + i);
            }
            for (int i = 0; i < 18; i++) {
                owner.await("message");
            }
            try (RawWebSocket raw = new RawWebSocket(loggedIn(), DEFLATE)) {
                assertThat(raw.handshake().toLowerCase(Locale.ROOT)).doesNotContain("sec-websocket-extensions");

                raw.sendText(frame("join").add("channel", channel).build().toString());
                String history = raw.readTextUntil(t -> t.contains("\"type\":\"history\""), WITHIN);
                assertThat(history.getBytes(StandardCharsets.UTF_8).length).as("past 64 KiB: an 8-byte length")
                        .isGreaterThan(65_536);
                JsonObject page = Json.createReader(new StringReader(history)).readObject();
                assertThat(page.getJsonArray("messages")).hasSize(18);
                assertThat(page.getJsonArray("messages").getJsonObject(17).getString("text")).startsWith("long message 17 ");

                owner.say(channel, "é".repeat(70));
                String live = raw.readTextUntil(t -> t.contains("\"type\":\"message\""), WITHIN);
                assertThat(Json.createReader(new StringReader(live)).readObject().getJsonObject("message")
                        .getString("text")).as("126 bytes and more: a 2-byte length").isEqualTo("é".repeat(70));
            }
        }
    }

    @Test
    void aMessageInManyPiecesArrivesWhole() throws Exception {
        String channel = unique("pieces");
        String text = "Grüße aus Zürich 😀, 你好, ".repeat(159);
        try (Sock owner = loggedIn().socket(); RawWebSocket raw = new RawWebSocket(loggedIn())) {
            owner.createAndAwait(channel);
            owner.join(channel);
            raw.sendText(frame("join").add("channel", channel).build().toString());
            raw.readTextUntil(t -> t.contains("\"type\":\"history\""), WITHIN);

            String send = frame("send").add("channel", channel).add("text", text).build().toString();
            assertThat(send.length()).as("longer than Tomcat's text buffer, so read in parts").isGreaterThan(4 * 256);
            raw.sendFragmented(send, 7);

            assertThat(owner.await("message").getJsonObject("message").getString("text")).isEqualTo(text);
        }
    }
}
