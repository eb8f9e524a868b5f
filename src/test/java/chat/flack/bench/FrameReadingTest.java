package chat.flack.bench;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

import static org.assertj.core.api.Assertions.assertThat;

/** How each target's frames are read by a receiver: payloads counted once, the rest recognised or ignored. */
class FrameReadingTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private final ErrorTally errors = new ErrorTally();
    private final Deliveries deliveries = new Deliveries();

    private Client receiver(Target target) {
        Client c = new Client(target, Client.Role.RECEIVER, "r", 0, false, errors, new LongAdder());
        c.deliveries = deliveries;
        return c;
    }

    @Test
    void aFlackMessageFrameIsADeliveryAndItsRepeatADuplicate() {
        Target flack = new FlackTarget(HTTP, List.of(URI.create("http://127.0.0.1:1/")), "bench");
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
        Target flack = new FlackTarget(HTTP, List.of(URI.create("http://127.0.0.1:1/")), "bench");
        Client c = receiver(flack);

        flack.read("{\"channel\":\"bench\",\"messages\":[],\"type\":\"history\"}", c);
        flack.read("{\"code\":\"rate-limited\",\"message\":\"Slow down.\",\"ref\":\"send\",\"type\":\"error\"}", c);

        assertThat(c.joined).isCompleted();
        assertThat(errors.byCode()).containsEntry("rate-limited", 1L);
        assertThat(errors.refusedSends()).isEqualTo(1);
        assertThat(deliveries.delivered()).isZero();
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
