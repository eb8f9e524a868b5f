package chat.flack.store;

import chat.flack.config.Settings;
import chat.flack.domain.ChatStore.StoredChannel;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

/** A real embedded store in a folder of the test's own, with one channel in it. */
public record ScratchStore(JdbcChatStore store, StoredChannel channel) implements AutoCloseable {

    public static ScratchStore in(Path folder) {
        JdbcChatStore store = new JdbcChatStore(Settings.from(Map.of("FLACK_DATA_DIR", folder.toString())::get));
        store.load();
        long id = store.insertChannel("General", "general", Instant.now()).orElseThrow();
        return new ScratchStore(store, new StoredChannel(id, "General", "general"));
    }

    @Override
    public void close() {
        store.close();
    }
}
