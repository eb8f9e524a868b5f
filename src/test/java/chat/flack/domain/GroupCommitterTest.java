package chat.flack.domain;

import chat.flack.domain.ChatStore.Inserted;
import chat.flack.domain.ChatStore.NewMessage;
import chat.flack.domain.ChatStore.StoredChannel;
import chat.flack.store.JdbcChatStore;
import chat.flack.store.ScratchStore;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A commit whose outcome is unknown (the connection broke during COMMIT) is resolved by looking
 * the messages up in the real database: stored means shown, not stored means unavailable.
 */
class GroupCommitterTest {

    @TempDir
    Path data;

    private ScratchStore scratch;
    private JdbcChatStore store;
    private StoredChannel channel;
    private final List<Inserted> committed = new CopyOnWriteArrayList<>();
    private final Timer timer = Timer.builder("t").register(new SimpleMeterRegistry());

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

    /** The real store, except that its insert reports a lost commit: after storing, or instead of it. */
    private ChatStore losingTheCommit(boolean storeFirst) {
        return (ChatStore) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {ChatStore.class},
                (proxy, method, args) -> {
                    boolean insert = method.getName().equals("insertMessages");
                    if (insert && !storeFirst) {
                        throw new StoreException("connection lost before the commit reached the database", null, true);
                    }
                    Object result;
                    try {
                        result = method.invoke(store, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                    if (insert) {
                        throw new StoreException("connection lost while committing", null, true);
                    }
                    return result;
                });
    }

    private NewMessage message(String text, String clientId) {
        return new NewMessage(channel, "ann", "ann", text, null, null, Instant.ofEpochMilli(5_000), clientId,
                "login-ann", List.of());
    }

    @Test
    void aCommitThatHappenedIsFoundAndShown() throws Exception {
        GroupCommitter committer = new GroupCommitter(losingTheCommit(true), committed::addAll, timer);
        CompletableFuture<Inserted> withId = committer.submit(message("with id", "c-1"));
        CompletableFuture<Inserted> withoutId = committer.submit(message("without id", null));

        assertThat(withId.get(10, TimeUnit.SECONDS).message().text()).isEqualTo("with id");
        assertThat(withoutId.get(10, TimeUnit.SECONDS).message().text()).isEqualTo("without id");
        assertThat(committed).extracting(i -> i.message().text()).contains("with id", "without id");
        assertThat(committed).extracting(Inserted::previousId).as("not known after a lost confirmation")
                .containsOnly(GroupCommitter.UNKNOWN_PREVIOUS);
        assertThat(store.messagesBefore(channel, Long.MAX_VALUE, 10)).hasSize(2);
        committer.stop();
    }

    @Test
    void aCommitThatDidNotHappenIsUnavailableAndShownToNobody() throws Exception {
        GroupCommitter committer = new GroupCommitter(losingTheCommit(false), committed::addAll, timer);
        CompletableFuture<Inserted> lost = committer.submit(message("lost", "c-2"));

        assertThatThrownBy(() -> lost.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(ChatException.class)
                .satisfies(e -> assertThat(((ChatException) e.getCause()).code()).isEqualTo(ErrorCode.UNAVAILABLE));
        assertThat(committed).isEmpty();
        assertThat(store.messagesBefore(channel, Long.MAX_VALUE, 10)).isEmpty();
        committer.stop();
    }
}
