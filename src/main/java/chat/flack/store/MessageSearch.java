package chat.flack.store;

import chat.flack.domain.ChatStore.StoredChannel;
import chat.flack.domain.SearchQuery;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Search in SQL (PROTOCOL.md, "Search"), over {@code messages.search_words}: the message's
 * distinct normalised words between spaces. PostgreSQL matches them with its full-text search:
 * a GIN index over the words as a tsvector of exactly these lexemes ({@code array_to_tsvector},
 * which applies no parser or dictionary of its own, so its words are the contract's words), and
 * a tsquery of the query's words, the last one as a prefix ({@code 'deploy' & 'fri':*}). H2
 * matches the same words with {@code LIKE}: {@code '% deploy %'}, {@code '% fri%'}. Words hold
 * only letters, marks and digits, so neither form needs escaping.
 */
final class MessageSearch {

    /** The PostgreSQL expression of the words as a tsvector; the index is over exactly this. */
    static final String WORDS_VECTOR = "array_to_tsvector(string_to_array(btrim(search_words), ' '))";

    /**
     * The most UTF-8 bytes of a word that are stored (PostgreSQL refuses a lexeme of 2048 or more).
     * A query word is at most 200 code points, and one code point is at most 9 bytes in NFC and
     * lower case (U+0CCB: three code points), so at most 1800 bytes: it never equals a word cut
     * to 2000 bytes, and it begins the cut word exactly when it begins the whole one.
     */
    private static final int KEPT_BYTES = 2000;

    private MessageSearch() {
    }

    /** The {@code search_words} value of a text: {@code " w1 w2 "}, or null when it has no word. */
    static String words(String text) {
        List<String> words = SearchQuery.wordsOf(text);
        if (words.isEmpty()) {
            return null;
        }
        StringBuilder out = new StringBuilder(" ");
        for (String word : words) {
            out.append(kept(word)).append(' ');
        }
        return out.toString();
    }

    /** {@code word}, cut after the last whole code point within {@link #KEPT_BYTES}. */
    private static String kept(String word) {
        int bytes = 0;
        for (int i = 0; i < word.length(); ) {
            int cp = word.codePointAt(i);
            bytes += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
            if (bytes > KEPT_BYTES) {
                return word.substring(0, i);
            }
            i += Character.charCount(cp);
        }
        return word;
    }

    /**
     * The ids of the newest {@code limit} messages of {@code scope} below {@code beforeId} that
     * match {@code query}, newest first, each with its channel.
     */
    static Map<Long, StoredChannel> find(Connection c, List<StoredChannel> scope, SearchQuery query, long beforeId,
                                         int limit) throws SQLException {
        Map<Long, StoredChannel> channels = new LinkedHashMap<>();
        scope.forEach(s -> channels.put(s.id(), s));
        boolean postgres = "PostgreSQL".equals(c.getMetaData().getDatabaseProductName());
        List<String> patterns = new ArrayList<>();
        StringBuilder sql = new StringBuilder("select id, channel_id from messages where channel_id = any (?) and id < ?");
        if (postgres) {
            // A plan for one query is not a plan for another: a common word is found soonest by
            // walking back from the newest message, a rare one through the index. A generic plan
            // (which PostgreSQL may switch to after five runs of one prepared statement) does one
            // for all, and walks the whole table back for a rare word.
            try (Statement s = c.createStatement()) {
                s.execute("set local plan_cache_mode = force_custom_plan");
            }
            sql.append(" and ").append(WORDS_VECTOR).append(" @@ cast(? as tsquery)");
            StringJoiner tsquery = new StringJoiner(" & ");
            query.words().forEach(w -> tsquery.add("'" + w + "'"));
            tsquery.add("'" + query.prefix() + "':*");
            patterns.add(tsquery.toString());
        } else {
            query.words().forEach(w -> patterns.add("% " + w + " %"));
            patterns.add("% " + query.prefix() + "%");
            patterns.forEach(p -> sql.append(" and search_words like ?"));
        }
        sql.append(" order by id desc fetch first ? rows only");
        Map<Long, StoredChannel> found = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
            int p = 1;
            ps.setArray(p++, c.createArrayOf("bigint", channels.keySet().toArray()));
            ps.setLong(p++, beforeId);
            for (String pattern : patterns) {
                ps.setString(p++, pattern);
            }
            ps.setInt(p, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    found.put(rs.getLong(1), channels.get(rs.getLong(2)));
                }
            }
        }
        return found;
    }
}
