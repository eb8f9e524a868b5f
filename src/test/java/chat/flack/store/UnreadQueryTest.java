package chat.flack.store;

import chat.flack.domain.ChatStore.NewMessage;
import chat.flack.domain.ChatStore.StoredChannel;
import chat.flack.domain.ChatStore.UnreadCount;
import chat.flack.domain.Direct;
import com.zaxxer.hikari.HikariDataSource;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.reflect.Field;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class UnreadQueryTest {

    @Test
    void countsAReadChannelAndADirectConversationWithoutAReadPositionYet(@TempDir Path dir) {
        try (ScratchStore s = ScratchStore.in(dir)) {
            s.store().moveReadPosition("login-ann", s.channel().id(), 0);
            Direct direct = s.store().insertDirect(new Direct(new StoredChannel(0, "@ann-bob", "@ann-bob"),
                    new Direct.Member("login-ann", "ann", "Ann"), new Direct.Member("login-bob", "bob", "Bob")),
                    Instant.now());
            s.store().insertMessages(List.of(fromBob(s.channel(), "hello", List.of()),
                    fromBob(s.channel(), "hello @Ann", List.of("Ann")),
                    fromBob(direct.channel(), "just us", List.of())));

            List<UnreadCount> all = s.store().unread("login-ann", "Ann", null);
            List<UnreadCount> one = s.store().unread("login-ann", "Ann", direct.channel().id());

            assertThat(all).extracting(u -> u.channel().id(), UnreadCount::direct, UnreadCount::readPosition,
                            UnreadCount::unread, UnreadCount::mentions)
                    .as("the channel read from its start: two unread, one naming Ann; the direct"
                            + " conversation, never read: its message, which counts as naming her")
                    .containsExactlyInAnyOrder(tuple(s.channel().id(), false, 0L, 2, 1),
                            tuple(direct.channel().id(), true, 0L, 1, 1));
            assertThat(one).extracting(u -> u.channel().id(), UnreadCount::unread)
                    .containsExactly(tuple(direct.channel().id(), 1));
        }
    }

    private static NewMessage fromBob(StoredChannel channel, String text, List<String> mentions) {
        return new NewMessage(channel, "Bob", "bob", text, null, null, Instant.now(), null, "login-bob", mentions);
    }

    /**
     * H2 keeps an entry in a per-connection cache for every run of a query whose derived table
     * holds a subquery, until that connection prepares a statement it has not cached: a login's
     * unread counts, asked at every login, must not be such a query.
     */
    @Test
    void askingTheCountsAgainAndAgainLeavesNothingInH2sSessions(@TempDir Path dir) throws Exception {
        try (ScratchStore s = ScratchStore.in(dir)) {
            s.store().moveReadPosition("login-ann", s.channel().id(), 0);
            for (int i = 0; i < 300; i++) {
                s.store().unread("login-ann", "Ann", null);
            }

            assertThat(derivedTableCacheEntries(s.store())).isLessThan(10);
        }
    }

    /** The entries in the derived-table caches of the H2 sessions behind every connection of the pool. */
    private static int derivedTableCacheEntries(JdbcChatStore store) throws Exception {
        Field poolField = JdbcChatStore.class.getDeclaredField("pool");
        poolField.setAccessible(true);
        HikariDataSource pool = (HikariDataSource) poolField.get(store);
        Field cacheField = SessionLocal.class.getDeclaredField("derivedTableIndexCache");
        cacheField.setAccessible(true);
        List<Connection> borrowed = new ArrayList<>();
        try {
            int entries = 0;
            for (int i = 0; i < pool.getMaximumPoolSize(); i++) {
                Connection c = pool.getConnection();
                borrowed.add(c);
                Map<?, ?> cache = (Map<?, ?>) cacheField.get(c.unwrap(JdbcConnection.class).getSession());
                entries += cache == null ? 0 : cache.size();
            }
            return entries;
        } finally {
            for (Connection c : borrowed) {
                c.close();
            }
        }
    }
}
