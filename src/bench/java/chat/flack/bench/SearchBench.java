package chat.flack.bench;

import chat.flack.config.Settings;
import chat.flack.domain.ChatStore.NewMessage;
import chat.flack.domain.ChatStore.StoredChannel;
import chat.flack.domain.SearchQuery;
import chat.flack.store.JdbcChatStore;

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

/**
 * Search over many stored messages (issue 13, item 8): fills a PostgreSQL schema of its own
 * with messages through the store ({@link JdbcChatStore#insertMessages}, in batches), text
 * drawn from a made-up vocabulary with Zipf frequencies, then times {@link JdbcChatStore#search}
 * over every channel, as a user's search without {@code channel} is, asking for 21 as the
 * endpoint does: a common word, a rare word, a prefix. Prints p50, p95 and the maximum of each
 * in milliseconds, and drops its schema at the end unless {@code --keep}. See docs/benchmark.md,
 * "Search".
 */
public final class SearchBench {

    static final String USAGE = """
            Usage: src/bench/search [option value]...
              --db URL          PostgreSQL (default jdbc:postgresql://127.0.0.1:5432/test?user=postgres)
              --schema NAME     the schema it makes, fills and drops (default flack_search_bench);
                                one of that name is dropped first
              --messages N      messages to store (default 1000000)
              --channels C      channels they are spread over (default 20)
              --batch B         messages per insertMessages call (default 1000)
              --vocabulary V    distinct words (default 50000)
              --queries Q       timed queries of each kind (default 300), after Q/5 untimed ones
              --keep            leave the schema and its messages (to look at plans; drop it by hand)
            """;

    private static final int LIMIT = 21;
    private static final long SEED = 13;

    private SearchBench() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = options(args);
        String db = options.getOrDefault("db", "jdbc:postgresql://127.0.0.1:5432/test?user=postgres");
        String schema = options.getOrDefault("schema", "flack_search_bench");
        if (!schema.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("--schema: lower-case letters, digits and _ only");
        }
        int messages = Integer.parseInt(options.getOrDefault("messages", "1000000"));
        int channels = Integer.parseInt(options.getOrDefault("channels", "20"));
        int batch = Integer.parseInt(options.getOrDefault("batch", "1000"));
        int vocabularySize = Integer.parseInt(options.getOrDefault("vocabulary", "50000"));
        int queries = Integer.parseInt(options.getOrDefault("queries", "300"));
        boolean keep = options.containsKey("keep");

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
            kinds.put("prefix", vocabulary.prefixes(50, 500, 3));
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
        long[] micros = new long[queries];
        long found = 0;
        for (int i = -queries / 5; i < queries; i++) {
            SearchQuery query = SearchQuery.parse(texts.get(random.nextInt(texts.size()))).orElseThrow();
            long start = System.nanoTime();
            int n = store.search(scope, query, Long.MAX_VALUE, LIMIT).size();
            if (i >= 0) {
                micros[i] = (System.nanoTime() - start) / 1000;
                found += n;
            }
        }
        Arrays.sort(micros);
        System.out.printf(Locale.ROOT, "%-14s p50 %6.1f ms  p95 %6.1f ms  max %6.1f ms  (%d queries, %.1f found each,"
                        + " e.g. \"%s\")%n", kind, micros[queries / 2] / 1000.0, micros[(int) Math.ceil(queries * 0.95) - 1] / 1000.0,
                micros[queries - 1] / 1000.0, queries, found / (double) queries, texts.get(0));
    }

    private static void execute(String url, String... sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            for (String statement : sql) {
                s.execute(statement);
            }
        }
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String name = args[i].startsWith("--") ? args[i].substring(2) : "";
            if (name.equals("keep")) {
                options.put(name, "");
            } else if (Set.of("db", "schema", "messages", "channels", "batch", "vocabulary", "queries").contains(name)
                    && i + 1 < args.length) {
                options.put(name, args[++i]);
            } else {
                System.err.print(USAGE);
                System.exit(2);
            }
        }
        return options;
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
