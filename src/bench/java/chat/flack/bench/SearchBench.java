package chat.flack.bench;

import chat.flack.config.Settings;
import chat.flack.domain.ChatStore.NewMessage;
import chat.flack.domain.ChatStore.StoredChannel;
import chat.flack.domain.SearchQuery;
import chat.flack.store.JdbcChatStore;
import org.HdrHistogram.Histogram;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * Search over many stored messages (issue 13, item 8): fills a PostgreSQL schema of its own
 * with messages through the store ({@link JdbcChatStore#insertMessages}, in batches), text
 * drawn from a made-up vocabulary with Zipf frequencies, then times {@link JdbcChatStore#search}
 * over every channel, as a user's search without {@code channel} is, asking for 21 as the
 * endpoint does: a common word, a rare word, a prefix. Prints p50, p95 and the maximum of each
 * in milliseconds, and drops its schema at the end unless {@code --keep}. See docs/benchmark.md,
 * "Search".
 */
@Command(name = "src/bench/search", sortOptions = false, abbreviateSynopsis = true, usageHelpAutoWidth = true,
        description = {"Fills a PostgreSQL schema of its own with messages through the store, times searches over"
                + " every channel (a common word, a rare word, a prefix, common + rare) and prints p50, p95 and the"
                + " maximum of each in milliseconds.", ""},
        footer = {"", "docs/benchmark.md, \"Search\", explains the fill, the queries and the output."})
public final class SearchBench implements Callable<Integer> {

    private static final int LIMIT = 21;
    private static final long SEED = 13;
    /** The prefixes are drawn from the words ranked 50 to 500. */
    private static final int FEWEST_WORDS = 500;

    @Spec
    private CommandSpec spec;

    @Option(names = "--db", paramLabel = "URL", defaultValue = "jdbc:postgresql://127.0.0.1:5432/test?user=postgres",
            description = "PostgreSQL (default ${DEFAULT-VALUE})")
    private String db;

    @Option(names = "--schema", paramLabel = "NAME", defaultValue = "flack_search_bench",
            description = "the schema it makes, fills and drops (default ${DEFAULT-VALUE}); one of that name is"
                    + " dropped first")
    private String schema;

    @Option(names = "--messages", paramLabel = "N", defaultValue = "1000000",
            description = "messages to store (default ${DEFAULT-VALUE})")
    private int messages;

    @Option(names = "--channels", paramLabel = "C", defaultValue = "20",
            description = "channels they are spread over (default ${DEFAULT-VALUE})")
    private int channels;

    @Option(names = "--batch", paramLabel = "B", defaultValue = "1000",
            description = "messages per insertMessages call (default ${DEFAULT-VALUE})")
    private int batch;

    @Option(names = "--vocabulary", paramLabel = "V", defaultValue = "50000",
            description = "distinct words (default ${DEFAULT-VALUE}; at least " + FEWEST_WORDS + ")")
    private int vocabularySize;

    @Option(names = "--queries", paramLabel = "Q", defaultValue = "300",
            description = "timed queries of each kind (default ${DEFAULT-VALUE}), after Q/5 untimed ones")
    private int queries;

    @Option(names = "--keep", description = "leave the schema and its messages (to look at plans; drop it by hand)")
    private boolean keep;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "this text")
    private boolean help;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The command line picocli reads into a new search benchmark; a bad one is refused in one line. */
    static CommandLine commandLine() {
        return new CommandLine(new SearchBench()).setParameterExceptionHandler(new OneLineRefusal("search"));
    }

    @Override
    public Integer call() throws SQLException, IOException {
        if (!schema.matches("[a-z_][a-z0-9_]*")) {
            throw new ParameterException(spec.commandLine(), "--schema: lower-case letters, digits and _ only, not '"
                    + schema + "'");
        }
        atLeast("--messages", messages, 1);
        atLeast("--channels", channels, 1);
        atLeast("--batch", batch, 1);
        atLeast("--vocabulary", vocabularySize, FEWEST_WORDS);
        atLeast("--queries", queries, 1);

        execute(db, "drop schema if exists " + schema + " cascade", "create schema " + schema);
        String url = db + (db.contains("?") ? "&" : "?") + "currentSchema=" + schema;
        Path data = Files.createTempDirectory("flack-search-bench");
        try (JdbcChatStore store = new JdbcChatStore(Settings.from(
                Map.of("FLACK_DB_URL", url, "FLACK_DATA_DIR", data.toString())::get))) {
            store.load();
            List<StoredChannel> scope = new ArrayList<>();
            for (int i = 0; i < channels; i++) {
                String name = "searchbench-" + i;
                scope.add(new StoredChannel(store.insertChannel(name, name, Instant.now()).orElseThrow(), name, name));
            }
            Vocabulary vocabulary = new Vocabulary(vocabularySize, new Random(SEED));
            fill(store, scope, vocabulary, messages, batch);
            execute(url, "vacuum analyze messages");

            Random random = new Random(SEED + 1);
            Map<String, List<String>> kinds = new LinkedHashMap<>();
            kinds.put("common word", vocabulary.words.subList(0, 10));
            kinds.put("rare word", vocabulary.rare(5, 50));
            kinds.put("prefix", vocabulary.prefixes(50, FEWEST_WORDS, 3));
            kinds.put("common + rare", vocabulary.rare(5, 50).stream()
                    .map(w -> vocabulary.words.get(random.nextInt(10)) + " " + w).toList());
            System.out.printf(Locale.ROOT, "%,d messages in %d channels; each query over all of them, limit %d%n",
                    messages, channels, LIMIT);
            for (Map.Entry<String, List<String>> kind : kinds.entrySet()) {
                time(store, scope, kind.getKey(), kind.getValue(), queries, random);
            }
        } finally {
            if (!keep) {
                execute(db, "drop schema if exists " + schema + " cascade");
            }
        }
        return 0;
    }

    private void atLeast(String name, int value, int least) {
        if (value < least) {
            throw new ParameterException(spec.commandLine(), name + " must be at least " + least + ", not " + value);
        }
    }

    private static void fill(JdbcChatStore store, List<StoredChannel> scope, Vocabulary vocabulary, int messages,
                             int batch) {
        Random random = new Random(SEED + 2);
        long start = System.nanoTime();
        long at = Instant.parse("2024-01-01T00:00:00Z").toEpochMilli();
        for (int done = 0; done < messages; ) {
            int n = Math.min(batch, messages - done);
            List<NewMessage> messageBatch = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                StoredChannel channel = scope.get(random.nextInt(scope.size()));
                String user = "user" + random.nextInt(200);
                messageBatch.add(new NewMessage(channel, user, user, vocabulary.sentence(random), null, null,
                        Instant.ofEpochMilli(at + done + i), null, "login-" + user, List.of()));
            }
            store.insertMessages(messageBatch);
            done += n;
            if (done % 100_000 == 0 || done == messages) {
                System.err.printf(Locale.ROOT, "stored %,d messages in %.0f s%n", done, (System.nanoTime() - start) / 1e9);
            }
        }
    }

    private static void time(JdbcChatStore store, List<StoredChannel> scope, String kind, List<String> texts,
                             int queries, Random random) {
        Histogram micros = new Histogram(Deliveries.SIGNIFICANT_DIGITS);
        long found = 0;
        for (int i = -queries / 5; i < queries; i++) {
            SearchQuery query = SearchQuery.parse(texts.get(random.nextInt(texts.size()))).orElseThrow();
            long start = System.nanoTime();
            int n = store.search(scope, query, Long.MAX_VALUE, LIMIT).size();
            if (i >= 0) {
                micros.recordValue((System.nanoTime() - start) / 1000);
                found += n;
            }
        }
        System.out.printf(Locale.ROOT, "%-14s p50 %6.1f ms  p95 %6.1f ms  max %6.1f ms  (%d queries, %.1f found each,"
                        + " e.g. \"%s\")%n", kind, micros.getValueAtPercentile(50) / 1000.0,
                micros.getValueAtPercentile(95) / 1000.0, micros.getMaxValue() / 1000.0, queries,
                found / (double) queries, texts.get(0));
    }

    private static void execute(String url, String... sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            for (String statement : sql) {
                s.execute(statement);
            }
        }
    }

    /**
     * Made-up words of two to four syllables, the word of rank r drawn with a probability
     * proportional to 1/r (Zipf, s = 1), as words of a natural language roughly are. Counts
     * what it draws, so that the rare words asked for are known to be there.
     */
    private static final class Vocabulary {

        private static final String[] SYLLABLES = {"ka", "lo", "mi", "ne", "ru", "sa", "ti", "vo", "de", "pa", "gri",
            "sto", "bel", "an", "or", "en", "qui", "zu", "fa", "hel", "ma", "ri", "tor", "es", "ul", "cha", "ve",
            "dro", "il", "sun"};

        final List<String> words;
        private final double[] cumulative;
        private final int[] counts;

        Vocabulary(int size, Random random) {
            Set<String> distinct = new LinkedHashSet<>();
            while (distinct.size() < size) {
                StringBuilder word = new StringBuilder();
                for (int s = 2 + random.nextInt(3); s > 0; s--) {
                    word.append(SYLLABLES[random.nextInt(SYLLABLES.length)]);
                }
                distinct.add(word.toString());
            }
            words = List.copyOf(distinct);
            cumulative = new double[size];
            double sum = 0;
            for (int r = 0; r < size; r++) {
                sum += 1.0 / (r + 1);
                cumulative[r] = sum;
            }
            for (int r = 0; r < size; r++) {
                cumulative[r] /= sum;
            }
            counts = new int[size];
        }

        /** Three to twenty-five words, the first capitalised, some followed by punctuation. */
        String sentence(Random random) {
            int n = 3 + random.nextInt(23);
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < n; i++) {
                int rank = Arrays.binarySearch(cumulative, random.nextDouble());
                rank = rank < 0 ? Math.min(-rank - 1, words.size() - 1) : rank;
                counts[rank]++;
                String word = words.get(rank);
                text.append(i == 0 ? Character.toUpperCase(word.charAt(0)) + word.substring(1) : word);
                text.append(i == n - 1 ? "." : random.nextInt(8) == 0 ? ", " : " ");
            }
            return text.toString();
        }

        /** Words drawn between {@code least} and {@code most} times, up to 200 of them. */
        List<String> rare(int least, int most) {
            List<String> rare = new ArrayList<>();
            for (int r = words.size() - 1; r >= 0 && rare.size() < 200; r--) {
                if (counts[r] >= least && counts[r] <= most) {
                    rare.add(words.get(r));
                }
            }
            Collections.reverse(rare);
            return rare;
        }

        /** The first {@code length} letters of the words ranked {@code from} to {@code to}, each once. */
        List<String> prefixes(int from, int to, int length) {
            return List.copyOf(new LinkedHashSet<>(words.subList(from, to).stream()
                    .map(w -> w.substring(0, length)).toList()));
        }
    }
}
