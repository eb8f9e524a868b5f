package chat.flack.store;

import chat.flack.config.Settings;
import chat.flack.domain.ChatStore;
import chat.flack.domain.Message;
import chat.flack.domain.Texts;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A database written by an older schema upgrades in place, keeps everything, loses its
 * ill-formed text, knows each channel's position, and knows which login wrote each message.
 */
class SchemaUpgradeTest {

    @TempDir
    Path data;

    private String url() {
        return "jdbc:h2:file:" + data.resolve("flack") + ";WRITE_DELAY=0";
    }

    @Test
    void aDatabaseOfTheFirstSchemaUpgradesAndItsBrokenTextIsRepaired() throws Exception {
        Flyway.configure().dataSource(url(), "flack", "").locations("classpath:db/migration").target("1")
                .load().migrate();
        try (Connection c = DriverManager.getConnection(url(), "flack", "");
             Statement s = c.createStatement()) {
            s.executeUpdate("insert into channels (name_key, name, created_at) values ('general', 'General', 1)");
            try (PreparedStatement ps = c.prepareStatement("insert into messages"
                    + " (channel_id, user_name, user_key, body, image, created_at, client_id)"
                    + " values (1, 'ann', 'ann', ?, null, 2, ?)")) {
                ps.setString(1, "fine 😀");
                ps.setString(2, "c-1");
                ps.executeUpdate();
                ps.setString(1, "broken \ud800 text");
                ps.setString(2, "c-\udc00");
                ps.executeUpdate();
            }
        }

        Settings settings = Settings.from(Map.of("FLACK_DATA_DIR", data.toString())::get);
        List<Message> page;
        try (JdbcChatStore store = new JdbcChatStore(settings)) {
            ChatStore.Snapshot snapshot = store.load();
            assertThat(snapshot.channels()).extracting(p -> p.channel().name()).containsExactly("General");
            page = store.messagesBefore(snapshot.channels().get(0).channel(), Long.MAX_VALUE, 100);
        }

        assertThat(page).extracting(Message::text).containsExactly("fine 😀", "broken \uFFFD text");
        assertThat(page).extracting(Message::clientId).containsExactly("c-1", "c-\uFFFD");
        try (Connection c = DriverManager.getConnection(url(), "flack", "");
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select body from messages order by id")) {
            while (rs.next()) {
                assertThat(Texts.wellFormed(rs.getString(1))).as("stored: %s", rs.getString(1)).isTrue();
            }
        }
    }

    @Test
    void duplicateClientIdsOfTheOldSchemaKeepTheirTextAndTheFirstKeepsTheId() throws Exception {
        Flyway.configure().dataSource(url(), "flack", "").locations("classpath:db/migration").target("3")
                .javaMigrations(new V2__RepairIllFormedText()).load().migrate();
        try (Connection c = DriverManager.getConnection(url(), "flack", "");
             Statement s = c.createStatement()) {
            s.executeUpdate("insert into channels (name_key, name, created_at) values ('general', 'General', 1)");
            for (String text : new String[] {"first", "resent", "other"}) {
                s.executeUpdate("insert into messages (channel_id, user_name, user_key, body, created_at, client_id)"
                        + " values (1, 'ann', 'ann', '" + text + "', 2, '" + (text.equals("other") ? "c-2" : "c-1") + "')");
            }
        }

        Settings settings = Settings.from(Map.of("FLACK_DATA_DIR", data.toString())::get);
        try (JdbcChatStore store = new JdbcChatStore(settings)) {
            ChatStore.StoredChannel general = store.load().channels().get(0).channel();
            List<Message> page = store.messagesBefore(general, Long.MAX_VALUE, 100);
            assertThat(page).extracting(Message::text).containsExactly("first", "resent", "other");
            assertThat(page).extracting(Message::clientId).containsExactly("c-1", null, "c-2");
            assertThat(store.findByClientId(general, "ann", "c-1")).get().extracting(Message::text).isEqualTo("first");
        }
        try (Connection c = DriverManager.getConnection(url(), "flack", "");
             Statement s = c.createStatement()) {
            assertThatThrownBy(() -> s.executeUpdate("insert into messages (channel_id, user_name, user_key, body,"
                    + " created_at, client_id) values (1, 'ann', 'ann', 'again', 3, 'c-2')"))
                    .isInstanceOf(java.sql.SQLException.class);
        }
    }

    @Test
    void anUpgradedDatabaseKnowsEachChannelsPositionAndGoesOnFromIt() throws Exception {
        Flyway.configure().dataSource(url(), "flack", "").locations("classpath:db/migration").target("4")
                .javaMigrations(new V2__RepairIllFormedText()).load().migrate();
        try (Connection c = DriverManager.getConnection(url(), "flack", "");
             Statement s = c.createStatement()) {
            s.executeUpdate("insert into channels (name_key, name, created_at) values ('general', 'General', 1)");
            s.executeUpdate("insert into channels (name_key, name, created_at) values ('quiet', 'Quiet', 1)");
            for (String text : new String[] {"one", "two"}) {
                s.executeUpdate("insert into messages (channel_id, user_name, user_key, body, created_at)"
                        + " values (1, 'ann', 'ann', '" + text + "', 2)");
            }
        }
        Settings settings = Settings.from(Map.of("FLACK_DATA_DIR", data.toString())::get);
        try (JdbcChatStore store = new JdbcChatStore(settings)) {
            store.load();
            List<ChatStore.ChannelPosition> positions = store.positions();
            long newest = store.messagesBefore(positions.get(0).channel(), Long.MAX_VALUE, 10).get(1).id();
            assertThat(positions).extracting(ChatStore.ChannelPosition::lastMessageId).containsExactly(newest, 0L);
            List<ChatStore.Inserted> next = store.insertMessages(List.of(new ChatStore.NewMessage(
                    positions.get(0).channel(), "ann", "ann", "three", null, null, Instant.now(), null, "login-ann", List.of())));
            assertThat(next.get(0).previousId()).as("the message before the first one stored after the upgrade")
                    .isEqualTo(newest);
        }
    }

    @Test
    void messagesOfTheSchemaBeforeConversationsKeepTheirTextAndTheCurrentHolderMayChangeThem() throws Exception {
        Flyway.configure().dataSource(url(), "flack", "").locations("classpath:db/migration").target("7")
                .javaMigrations(new V2__RepairIllFormedText(), new V7__ClaimStoredNames()).load().migrate();
        try (Connection c = DriverManager.getConnection(url(), "flack", "");
             Statement s = c.createStatement()) {
            s.executeUpdate("insert into channels (name_key, name, created_at) values ('general', 'General', 1)");
            s.executeUpdate("insert into users (name_key, name, login_id, session_hash, created_at, last_seen)"
                    + " values ('ann', 'Ann', 'login-ann', 'hash', 100, 100)");
            s.executeUpdate("insert into messages (channel_id, user_name, user_key, body, created_at)"
                    + " values (1, 'Ann', 'ann', 'by an earlier ann', 50)");
            s.executeUpdate("insert into messages (channel_id, user_name, user_key, body, created_at)"
                    + " values (1, 'Ann', 'ann', 'by this ann', 150)");
        }
        Settings settings = Settings.from(Map.of("FLACK_DATA_DIR", data.toString())::get);
        try (JdbcChatStore store = new JdbcChatStore(settings)) {
            ChatStore.StoredChannel general = store.load().channels().get(0).channel();
            List<Message> page = store.messagesBefore(general, Long.MAX_VALUE, 10);
            assertThat(page).extracting(Message::text).containsExactly("by an earlier ann", "by this ann");
            assertThat(page).extracting(Message::loginId).containsExactly(null, "login-ann");
            assertThat(page).allSatisfy(m -> {
                assertThat(m.deleted()).isFalse();
                assertThat(m.edited()).isNull();
                assertThat(m.reactions()).isEmpty();
                assertThat(m.mentions()).isEmpty();
            });
            assertThat(page.get(0).author()).isNotEqualTo(page.get(1).author());
            Message edited = store.change(general, page.get(1).id(),
                    m -> new ChatStore.Change.SetText("edited", List.of(), Instant.ofEpochMilli(200))).orElseThrow()
                    .message();
            assertThat(edited.text()).isEqualTo("edited");
            assertThat(edited.version()).isEqualTo(1);
        }
    }

    @Test
    void imagesSentBeforeSizesWereStoredGetTheSizeOfTheirFile() throws Exception {
        Flyway.configure().dataSource(url(), "flack", "").locations("classpath:db/migration").target("9")
                .javaMigrations(new V2__RepairIllFormedText(), new V7__ClaimStoredNames()).load().migrate();
        Path uploads = Files.createDirectories(data.resolve("uploads"));
        String kept = "0123456789abcdef0123456789abcdef.png";
        ImageIO.write(new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB), "png", uploads.resolve(kept).toFile());
        try (Connection c = DriverManager.getConnection(url(), "flack", "");
             Statement s = c.createStatement()) {
            s.executeUpdate("insert into channels (name_key, name, created_at) values ('general', 'General', 1)");
            for (String image : new String[] {"'/uploads/" + kept + "'", "'/uploads/ffffffffffffffffffffffffffffffff.png'",
                    "null"}) {
                s.executeUpdate("insert into messages (channel_id, user_name, user_key, body, image, created_at)"
                        + " values (1, 'ann', 'ann', 'x', " + image + ", 2)");
            }
        }
        Settings settings = Settings.from(Map.of("FLACK_DATA_DIR", data.toString())::get);
        try (JdbcChatStore store = new JdbcChatStore(settings)) {
            ChatStore.StoredChannel general = store.load().channels().get(0).channel();
            List<Message> page = store.messagesBefore(general, Long.MAX_VALUE, 10);
            assertThat(page).extracting(Message::imageWidth).containsExactly(64, null, null);
            assertThat(page).extracting(Message::imageHeight).containsExactly(48, null, null);
        }
    }
}
