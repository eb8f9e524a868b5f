package chat.flack.domain;

import com.ibm.icu.lang.UCharacter;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The names a message's text mentions (PROTOCOL.md, "The message object gains"): an {@code @}
 * followed by a registered name, compared as names are, the longest one that fits, and then the
 * end of the text or a character that is not a letter, mark, digit, '_' or '-'.
 */
final class Mentions {

    private final int maxNameLength;
    private final Function<String, Optional<String>> registered;

    /**
     * @param registered the display name, as created, of the registered name with that key
     */
    Mentions(int maxNameLength, Function<String, Optional<String>> registered) {
        this.maxNameLength = maxNameLength;
        this.registered = registered;
    }

    /** The display names {@code text} mentions, each once, in the order first mentioned. */
    List<String> in(String text) {
        Set<String> found = new LinkedHashSet<>();
        int at = text.indexOf('@');
        while (at >= 0) {
            int start = at + 1;
            longestAfter(text, start).ifPresent(found::add);
            at = text.indexOf('@', start);
        }
        return new ArrayList<>(found);
    }

    /**
     * The longest registered name that begins at {@code start} and ends where a word ends. A
     * name holds no '@' and none of the characters that no name may hold, so the candidates stop
     * at the first such one and at the longest name's length.
     */
    private Optional<String> longestAfter(String text, int start) {
        List<Integer> ends = new ArrayList<>();
        int i = start;
        for (int n = 0; n < maxNameLength && i < text.length(); n++) {
            int cp = text.codePointAt(i);
            if (cp == '@' || !(cp == ' ' || cp == '_' || cp == '-' || cp == '.' || wordChar(cp))) {
                break;
            }
            i += Character.charCount(cp);
            ends.add(i);
        }
        for (int e = ends.size() - 1; e >= 0; e--) {
            int end = ends.get(e);
            if (end < text.length() && wordChar(text.codePointAt(end))) {
                continue;
            }
            Optional<String> name = registered.apply(Names.key(text.substring(start, end)));
            if (name.isPresent()) {
                return name;
            }
        }
        return Optional.empty();
    }

    /** A letter, mark, digit, '_' or '-': what continues a word, so a name cannot end before it. */
    private static boolean wordChar(int cp) {
        return cp == '_' || cp == '-' || UCharacter.isLetterOrDigit(cp)
                || UCharacter.getType(cp) == UCharacter.NON_SPACING_MARK
                || UCharacter.getType(cp) == UCharacter.ENCLOSING_MARK
                || UCharacter.getType(cp) == UCharacter.COMBINING_SPACING_MARK;
    }
}
