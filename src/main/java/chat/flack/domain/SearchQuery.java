package chat.flack.domain;

import com.ibm.icu.lang.UCharacter;
import com.ibm.icu.lang.UCharacterCategory;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * A {@code search} query (PROTOCOL.md, "Search"): words are runs of letters, marks and decimal
 * digits, compared in NFC and in the root locale's lower case. A message matches when every
 * full word of the query is a word of its text and the query's last word is the beginning of
 * one.
 *
 * @param words  the query's words but the last, each once, in the order first given
 * @param prefix the query's last word, which a word of the text only has to begin with
 */
public record SearchQuery(List<String> words, String prefix) {

    /** The longest query, in code points after trimming. */
    public static final int MAX_LENGTH = 200;

    public SearchQuery {
        words = List.copyOf(words);
    }

    /**
     * The query {@code raw} asks for; empty when it is empty after trimming, longer than
     * {@link #MAX_LENGTH} code points or holds no word.
     */
    public static Optional<SearchQuery> parse(String raw) {
        if (raw == null || !Texts.wellFormed(raw)) {
            return Optional.empty();
        }
        String trimmed = raw.strip();
        if (trimmed.codePointCount(0, trimmed.length()) > MAX_LENGTH) {
            return Optional.empty();
        }
        List<String> all = split(trimmed);
        if (all.isEmpty()) {
            return Optional.empty();
        }
        Set<String> full = new LinkedHashSet<>(all.subList(0, all.size() - 1));
        return Optional.of(new SearchQuery(new ArrayList<>(full), all.get(all.size() - 1)));
    }

    /** The distinct words of a message's text, normalised, in the order first written. */
    public static List<String> wordsOf(String text) {
        return new ArrayList<>(new LinkedHashSet<>(split(text)));
    }

    /** Every word of {@code text}, normalised, in order, repeats included. */
    private static List<String> split(String text) {
        String nfc = Normalizer.normalize(text, Normalizer.Form.NFC);
        List<String> words = new ArrayList<>();
        int start = -1;
        for (int i = 0; i <= nfc.length(); ) {
            int cp = i < nfc.length() ? nfc.codePointAt(i) : -1;
            boolean inWord = cp >= 0 && isWordCharacter(cp);
            if (inWord && start < 0) {
                start = i;
            } else if (!inWord && start >= 0) {
                words.add(normalised(nfc.substring(start, i)));
                start = -1;
            }
            i += cp >= 0 ? Character.charCount(cp) : 1;
        }
        return words;
    }

    private static String normalised(String word) {
        return Normalizer.normalize(UCharacter.toLowerCase(Locale.ROOT, word), Normalizer.Form.NFC);
    }

    /** A letter (L), a mark (M) or a decimal digit (Nd). */
    private static boolean isWordCharacter(int cp) {
        switch (UCharacter.getType(cp)) {
            case UCharacterCategory.UPPERCASE_LETTER, UCharacterCategory.LOWERCASE_LETTER,
                    UCharacterCategory.TITLECASE_LETTER, UCharacterCategory.MODIFIER_LETTER,
                    UCharacterCategory.OTHER_LETTER, UCharacterCategory.NON_SPACING_MARK,
                    UCharacterCategory.ENCLOSING_MARK, UCharacterCategory.COMBINING_SPACING_MARK,
                    UCharacterCategory.DECIMAL_DIGIT_NUMBER:
                return true;
            default:
                return false;
        }
    }
}
