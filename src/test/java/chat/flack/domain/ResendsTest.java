package chat.flack.domain;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

class ResendsTest {

    private final Resends resends = new Resends(1_000_000);
    private final String key = Resends.key(7, "ann", "c-1");

    private static Message message() {
        return Message.sent(1, "general", "ann", "ann", "hi", null, null, Instant.EPOCH, "c-1", "login-ann",
                List.of());
    }

    @Test
    void aSendBeingStoredIsFoundByAResendWhichThenWaitsForIt() {
        CompletableFuture<Message> pending = new CompletableFuture<>();
        assertThat(resends.begin(key, pending)).isEmpty();
        assertThat(resends.begin(key, new CompletableFuture<>())).contains(pending);
        assertThat(resends.known(key)).contains(pending);
    }

    @Test
    void aStoredMessageIsKnownAndAFailedOneIsForgotten() {
        CompletableFuture<Message> pending = new CompletableFuture<>();
        resends.begin(key, pending);
        resends.failed(key, pending);
        assertThat(resends.known(key)).isEmpty();
        resends.stored(key, message());
        assertThat(resends.known(key).orElseThrow().join()).isEqualTo(message());
        assertThat(resends.known(Resends.key(8, "ann", "c-1"))).isEmpty();
    }
}
