package chat.flack.store;

import chat.flack.config.Settings;
import chat.flack.domain.ChatStore.Change;
import chat.flack.domain.ChatStore.NewMessage;
import chat.flack.domain.ChatStore.StoredChannel;
import chat.flack.domain.Message;
import chat.flack.domain.SearchQuery;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The search of PROTOCOL.md ("Search") through the store, the same cases on each database
 * (SearchTest: embedded H2, SearchPostgresTest: PostgreSQL), so both give the same answers.
 */
abstract class SearchCases {

    @TempDir
    Path data;

    private JdbcChatStore store;
    private StoredChannel general;
    private StoredChannel random;

    /** The JDBC URL of an empty database of this test's own, for the store and for Flyway. */
    abstract String emptyDatabase();

    /** The settings of a store on {@link #emptyDatabase}'s database. */
    abstract Map<String, String> databaseSettings(String url);

    /** Removes what {@link #emptyDatabase} made, once the store is closed. */
    abstract void forget(String url) throws Exception;

    private String url;

    @BeforeEach
    void open() {
        url = emptyDatabase();
    }

    @AfterEach
    void close() throws Exception {
        if (store != null) {
            store.close();
        }
        if (url != null) {
            forget(url);
        }
    }

    private JdbcChatStore store() {
        if (store == null) {
            Map<String, String> env = new HashMap<>(databaseSettings(url));
            env.put("FLACK_DATA_DIR", data.toString());
            store = new JdbcChatStore(Settings.from(env::get));
            store.load();
        }
        return store;
    }

    private StoredChannel channel(String name) {
        long id = store().insertChannel(name, name.toLowerCase(), Instant.now()).orElseThrow();
        return new StoredChannel(id, name, name.toLowerCase());
    }

    private void twoChannels() {
        general = channel("General");
        random = channel("Random");
    }

    private long send(StoredChannel channel, String text) {
        return store().insertMessages(List.of(new NewMessage(channel, "ann", "ann", text, null, null,
                Instant.ofEpochMilli(1_000), null, "login-ann", List.of()))).get(0).message().id();
    }

    private List<String> found(String query) {
        return found(List.of(general, random), query);
    }

    private List<String> found(List<StoredChannel> scope, String query) {
        return store().search(scope, SearchQuery.parse(query).orElseThrow(), Long.MAX_VALUE, 20).stream()
                .map(Message::text).toList();
    }

    @Test
    void caseAndNormalisationDoNotMatter() {
        twoChannels();
        send(general, "Ask ZO\u00cb about it");
        send(general, "zoe\u0308 knows");
        send(general, "zoe does not");

        assertThat(found("zo\u00eb")).containsExactly("zoe\u0308 knows", "Ask ZO\u00cb about it");
        assertThat(found("ZOE\u0308")).containsExactly("zoe\u0308 knows", "Ask ZO\u00cb about it");
        assertThat(found("ASK Zo\u00eb")).containsExactly("Ask ZO\u00cb about it");
    }

    @Test
    void onlyTheLastWordMayBeTheBeginningOfOne() {
        twoChannels();
        send(general, "we deploy on Friday");

        assertThat(found("depl")).containsExactly("we deploy on Friday");
        assertThat(found("deploy fri")).containsExactly("we deploy on Friday");
        assertThat(found("depl friday")).isEmpty();
        assertThat(found("dep loy")).isEmpty();
        assertThat(found("eploy")).as("the beginning of a word, not any part").isEmpty();
    }

    @Test
    void everyWordOfTheQueryIsNeeded() {
        twoChannels();
        send(general, "deploy friday");
        send(general, "deploy monday");
        send(general, "friday lunch");

        assertThat(found("friday deploy")).containsExactly("deploy friday");
        assertThat(found("deploy")).containsExactly("deploy monday", "deploy friday");
        assertThat(found("deploy friday lunch")).isEmpty();
    }

    @Test
    void punctuationSplitsWords() {
        twoChannels();
        send(general, "don't stop");
        send(general, "build:ok, v2.0!");

        assertThat(found("don t")).containsExactly("don't stop");
        assertThat(found("don't")).containsExactly("don't stop");
        assertThat(found("dont")).isEmpty();
        assertThat(found("ok build")).containsExactly("build:ok, v2.0!");
        assertThat(found("v2 0")).containsExactly("build:ok, v2.0!");
    }

    @Test
    void otherScriptsAreWordsToo() {
        twoChannels();
        send(general, "Привет, МИР");
        send(general, "東京、大阪");
        send(general, "नमस्ते दुनिया");

        assertThat(found("привет")).containsExactly("Привет, МИР");
        assertThat(found("ПРИВЕТ ми")).containsExactly("Привет, МИР");
        assertThat(found("大阪")).containsExactly("東京、大阪");
        assertThat(found("東")).containsExactly("東京、大阪");
        assertThat(found("京")).isEmpty();
        assertThat(found("नमस्ते दुनि")).containsExactly("नमस्ते दुनिया");
    }

    @Test
    void onlyTheChannelsInScopeAreSearched() {
        twoChannels();
        send(general, "release notes");
        send(random, "release party");

        assertThat(found(List.of(general), "release")).containsExactly("release notes");
        assertThat(found(List.of(random), "release")).containsExactly("release party");
        assertThat(found(List.of(general, random), "release")).containsExactly("release party", "release notes");
        assertThat(found(List.of(), "release")).isEmpty();
    }

    @Test
    void aDeletedMessageIsNeverFoundAndAnEditedOneByItsNewText() {
        twoChannels();
        long deleted = send(general, "secret plan");
        long edited = send(general, "first draft");
        send(general, "😀 🎉");

        store().change(general, deleted, m -> new Change.Delete());
        store().change(general, edited, m -> new Change.SetText("final version", List.of(), Instant.now()));

        assertThat(found("secret")).isEmpty();
        assertThat(found("draft")).isEmpty();
        assertThat(found("final vers")).containsExactly("final version");
    }

    @Test
    void foundMessagesComeAsTheHistoryHasThem() {
        twoChannels();
        long id = send(random, "lunch at noon");
        store().change(random, id, m -> new Change.React("👍", "bob", "Bob", true));

        Message found = store().search(List.of(general, random), SearchQuery.parse("noon").orElseThrow(),
                Long.MAX_VALUE, 20).get(0);

        assertThat(found).isEqualTo(store().messagesBefore(random, Long.MAX_VALUE, 10).get(0));
        assertThat(found.channel()).isEqualTo("Random");
        assertThat(found.reactions()).extracting(Message.Reaction::emoji).containsExactly("👍");
    }

    @Test
    void pagesGoBackFromBeforeNewestFirst() {
        twoChannels();
        for (int i = 1; i <= 5; i++) {
            send(i % 2 == 0 ? general : random, "standup " + i);
            send(general, "other " + i);
        }
        SearchQuery query = SearchQuery.parse("standup").orElseThrow();
        List<StoredChannel> scope = List.of(general, random);

        List<Message> first = store().search(scope, query, Long.MAX_VALUE, 2);
        List<Message> second = store().search(scope, query, first.get(1).id(), 2);
        List<Message> third = store().search(scope, query, second.get(1).id(), 2);

        assertThat(first).extracting(Message::text).containsExactly("standup 5", "standup 4");
        assertThat(second).extracting(Message::text).containsExactly("standup 3", "standup 2");
        assertThat(third).extracting(Message::text).containsExactly("standup 1");
    }

    @Test
    void aVeryLongWordIsFoundByItsBeginningOnly() {
        twoChannels();
        String word = "a".repeat(3000);
        send(general, word + " zebra");
        send(general, "ä".repeat(1500) + "b");

        assertThat(found("a".repeat(190))).containsExactly(word + " zebra");
        assertThat(found("a".repeat(190) + " zebra")).as("not the whole word").isEmpty();
        assertThat(found("zebra " + "a".repeat(190))).containsExactly(word + " zebra");
        assertThat(found("Ä".repeat(200))).containsExactly("ä".repeat(1500) + "b");
    }

    /** A database of the schema just before search (V15), with messages, upgrades and finds them. */
    @Test
    void messagesStoredBeforeSearchAreFoundAfterTheUpgrade() throws Exception {
        FluentConfiguration before = Flyway.configure().dataSource(url, null, null).locations("classpath:db/migration")
                .javaMigrations(new V2__RepairIllFormedText(), new V7__ClaimStoredNames(),
                        new V10__RecordImageSizes(data.resolve("uploads")));
        MigrationVersion search = MigrationVersion.fromVersion("15");
        MigrationVersion last = Arrays.stream(before.load().info().all()).map(MigrationInfo::getVersion)
                .filter(v -> v.compareTo(search) < 0).max(Comparator.naturalOrder())
                .orElseThrow();
        before.target(last).load().migrate();
        try (Connection c = DriverManager.getConnection(url);
             Statement s = c.createStatement()) {
            s.executeUpdate("insert into channels (name_key, name, created_at) values ('general', 'General', 1)");
            for (String row : new String[] {"'Deploy on FRIDAY', 2, false", "'deploy notes', 3, false", "'', 4, true"}) {
                s.executeUpdate("insert into messages (channel_id, user_name, user_key, body, created_at, deleted)"
                        + " values ((select id from channels), 'ann', 'ann', " + row + ")");
            }
        }
        general = store().positions().get(0).channel();

        assertThat(found(List.of(general), "friday")).containsExactly("Deploy on FRIDAY");
        assertThat(found(List.of(general), "deplo")).containsExactly("deploy notes", "Deploy on FRIDAY");
        send(general, "deploy done");
        assertThat(found(List.of(general), "deploy")).containsExactly("deploy done", "deploy notes", "Deploy on FRIDAY");
    }
}
