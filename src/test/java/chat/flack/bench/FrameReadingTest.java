package chat.flack.bench;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** How each target's frames are read by a receiver: payloads counted once, the rest recognised or ignored. */
class FrameReadingTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private final Channel channel = new Channel("bench", 0, 1, 1);
    private final ErrorTally errors = channel.errors;
    private final Deliveries deliveries = channel.deliveries;

    private Client receiver(Target target) {
        return receiver(target, channel);
    }

    private static Client receiver(Target target, Channel channel) {
        Client c = new Client(target, Client.Role.RECEIVER, "r", 0, channel, false);
        c.deliveries = channel.deliveries;
        return c;
    }

    private static FlackTarget flack(boolean force) {
        return new FlackTarget(HTTP, List.of(URI.create("http://127.0.0.1:1/")), force);
    }

    @Test
    void aFlackMessageFrameIsADeliveryAndItsRepeatADuplicate() {
        Target flack = flack(false);
        Client c = receiver(flack);
        String text = Payload.text(Payload.now(), 7, 100);
        String frame = "{\"message\":{\"channel\":\"bench\",\"clientId\":\"s-7\",\"id\":3,\"image\":null,\"text\":\""
                + text + "\",\"timestamp\":\"2026-11-25T10:00:00.000Z\",\"user\":\"s\"},\"type\":\"message\"}";

        flack.read(frame, c);
        flack.read(frame, c);

        assertThat(deliveries.delivered()).isEqualTo(1);
        assertThat(deliveries.duplicates()).isEqualTo(1);
    }

    @Test
    void aFlackHistoryFrameMeansJoinedAndAnErrorFrameIsCountedByCode() {
        Target flack = flack(false);
        Client c = receiver(flack);

        flack.read("{\"channel\":\"bench\",\"messages\":[],\"type\":\"history\"}", c);
        flack.read("{\"code\":\"rate-limited\",\"message\":\"Slow down.\",\"ref\":\"send\",\"type\":\"error\"}", c);

        assertThat(c.joined).isCompleted();
        assertThat(errors.byCode()).containsEntry("rate-limited", 1L);
        assertThat(errors.refusedSends()).isEqualTo(1);
        assertThat(deliveries.delivered()).isZero();
    }

    /** A socket that only records the text frames written to it. */
    private static final class Written implements WebSocket {
        final List<String> frames = new ArrayList<>();

        public CompletableFuture<WebSocket> sendText(CharSequence data, boolean last) {
            frames.add(data.toString());
            return CompletableFuture.completedFuture(this);
        }

        public CompletableFuture<WebSocket> sendBinary(ByteBuffer data, boolean last) {
            return CompletableFuture.completedFuture(this);
        }

        public CompletableFuture<WebSocket> sendPing(ByteBuffer message) {
            return CompletableFuture.completedFuture(this);
        }

        public CompletableFuture<WebSocket> sendPong(ByteBuffer message) {
            return CompletableFuture.completedFuture(this);
        }

        public CompletableFuture<WebSocket> sendClose(int statusCode, String reason) {
            return CompletableFuture.completedFuture(this);
        }

        public void request(long n) {
        }

        public String getSubprotocol() {
            return "";
        }

        public boolean isOutputClosed() {
            return false;
        }

        public boolean isInputClosed() {
            return false;
        }

        public void abort() {
        }
    }

    private static String message(long id, long seq) {
        return "{\"author\":\"a\",\"channel\":\"bench\",\"clientId\":\"s-" + seq + "\",\"id\":" + id
                + ",\"image\":null,\"text\":\"" + Payload.text(Payload.now(), seq, 60) + "\",\"user\":\"s\"}";
    }

    private static String history(int limit, long... idAndSeq) {
        List<String> messages = new ArrayList<>();
        for (int i = 0; i < idAndSeq.length; i += 2) {
            messages.add(message(idAndSeq[i], idAndSeq[i + 1]));
        }
        return "{\"channel\":\"bench\",\"limit\":" + limit + ",\"messages\":[" + String.join(",", messages)
                + "],\"type\":\"history\"}";
    }

    @Test
    void aFlackReceiverReconnectedReadsBackPagesUntilTheyReachWhatItHadAndCountsTheRestAsRecovered() {
        FlackTarget flack = flack(false);
        Client c = receiver(flack);
        Written socket = new Written();
        c.attach(socket);
        flack.read("{\"message\":" + message(10, 0) + ",\"type\":\"message\"}", c);
        flack.read("{\"message\":" + message(11, 1) + ",\"type\":\"message\"}", c);

        c.recovering();
        flack.read(history(3, 13, 3, 14, 4, 15, 5), c);
        assertThat(socket.frames).as("a full page with nothing seen before: the page before it is asked for")
                .containsExactly("{\"type\":\"older\",\"channel\":\"bench\",\"before\":13}");
        flack.read(history(3, 10, 0, 11, 1, 12, 2), c);
        assertThat(socket.frames).as("a page that reaches what was seen ends the reading back").hasSize(1);
        assertThat(c.isRecovering()).isFalse();
        flack.read("{\"message\":" + message(16, 6) + ",\"type\":\"message\"}", c);

        assertThat(deliveries.delivered()).isEqualTo(7);
        assertThat(deliveries.recovered()).isEqualTo(4);
        assertThat(deliveries.duplicates()).isZero();
    }

    @Test
    void aFlackWithChannelsOfItsOwnIsRefusedUnlessForced() {
        String channels = "{\"channels\":[{\"name\":\"bench-abc123\"},{\"name\":\"general\"}],\"type\":\"channels\"}";
        FlackTarget careful = flack(false);
        assertThatThrownBy(() -> careful.requireOwnServer(channels)).hasMessageContaining("'general'")
                .hasMessageContaining("--force");
        careful.requireOwnServer("{\"channels\":[{\"name\":\"bench-abc123\"}],\"type\":\"channels\"}");
        flack(true).requireOwnServer(channels);
    }

    @Test
    void aReceiverCountsOnlyItsOwnChannelsMessagesAndTheOthersAsMisdelivered() {
        FlackTarget flack = flack(false);
        Channel second = new Channel("bench-x-1", 1, 3, 5);
        Client c = receiver(flack, second);

        for (long seq : new long[] {1, 2, 4, 6}) {
            flack.read("{\"message\":" + message(10 + seq, seq) + ",\"type\":\"message\"}", c);
        }

        assertThat(second.deliveries.delivered()).as("of 5 senders in 3 channels, senders 1 and 4 are channel 1's:"
                + " messages 1, 4 and 6").isEqualTo(3);
        assertThat(second.deliveries.misdeliveries()).as("message 2 is sender 2's, in channel 2").isEqualTo(1);
        assertThat(second.deliveries.duplicates()).isZero();
    }

    @Test
    void everyFrameOfAClientNamesItsOwnChannel() {
        FlackTarget flack = flack(false);
        Channel third = new Channel("bench-x-2", 2, 3, 3);
        Client sender = new Client(flack, Client.Role.SENDER, "s2", 0, third, true);

        assertThat(flack.sendFrame(sender, "5 2 xx", 2)).contains("\"channel\":\"bench-x-2\"");
    }

    @Test
    void theExampleChatCarriesThePayloadAfterTheGuestName() {
        Target example = new ExampleChatTarget(HTTP, URI.create("http://127.0.0.1:1/"));
        Client c = receiver(example);

        example.read("* Guest12 has joined.", c);
        example.read("Guest3: " + Payload.text(Payload.now(), 0, 50), c);
        example.read("Guest3: hello", c);

        assertThat(c.joined).isCompleted();
        assertThat(deliveries.delivered()).isEqualTo(1);
        assertThat(deliveries.duplicates()).isZero();
    }
}
