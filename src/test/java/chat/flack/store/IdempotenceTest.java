package chat.flack.store;

import chat.flack.domain.ChatStore.Inserted;
import chat.flack.domain.ChatStore.NewMessage;
import chat.flack.domain.ChatStore.StoredChannel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The database itself keeps a client id to one message per sender and channel (embedded H2, a real file). */
class IdempotenceTest {

    @TempDir
    Path data;

    private ScratchStore scratch;
    private JdbcChatStore store;
    private StoredChannel channel;

    @BeforeEach
    void open() {
        scratch = ScratchStore.in(data);
        store = scratch.store();
        channel = scratch.channel();
    }

    @AfterEach
    void close() {
        scratch.close();
    }

    private NewMessage message(String text, String clientId) {
        return new NewMessage(channel, "ann", "ann", text, null, null, Instant.ofEpochMilli(1_000), clientId,
                "login-ann", List.of());
    }

    @Test
    void aKnownClientIdIsNotStoredAgainAndTheStoredMessageIsReturned() {
        Inserted first = store.insertMessages(List.of(message("hello", "c-1"))).get(0);
        List<Inserted> again = store.insertMessages(List.of(message("hello again", "c-1"), message("new", "c-2")));

        assertThat(first.existed()).isFalse();
        assertThat(again.get(0).existed()).isTrue();
        assertThat(again.get(0).message()).isEqualTo(first.message());
        assertThat(again.get(1).existed()).isFalse();
        assertThat(store.messagesBefore(channel, Long.MAX_VALUE, 10)).extracting(m -> m.text())
                .containsExactly("hello", "new");
    }

    @Test
    void aStoredMessageIsFoundByItsClientIdOrElseByItsSenderTimeAndContent() {
        store.insertMessages(List.of(message("with id", "c-9"), message("without id", null)));

        assertThat(store.findStored(message("whatever", "c-9"))).get().extracting(m -> m.text()).isEqualTo("with id");
        assertThat(store.findStored(message("without id", null))).get().extracting(m -> m.clientId()).isNull();
        assertThat(store.findStored(message("never sent", null))).isEmpty();
    }
}
