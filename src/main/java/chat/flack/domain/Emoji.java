package chat.flack.domain;

import com.ibm.icu.lang.UCharacter;
import com.ibm.icu.lang.UProperty;
import com.ibm.icu.text.BreakIterator;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The reaction rule (PROTOCOL.md, {@code react}): one emoji is one grapheme cluster (ICU4J's
 * extended grapheme clusters, so skin tones, ZWJ sequences, keycaps and flags are one), at most
 * 32 UTF-8 bytes, whose first code point has Unicode's Emoji property (or is a regional
 * indicator, half a flag). The ASCII characters with that property (digits, '#', '*') are emoji
 * only as keycaps; alone they are text.
 */
final class Emoji {

    static final int MAX_BYTES = 32;

    private Emoji() {
    }

    static boolean isOne(String s) {
        if (s == null || s.isEmpty() || s.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES
                || !Texts.wellFormed(s)) {
            return false;
        }
        BreakIterator clusters = BreakIterator.getCharacterInstance(Locale.ROOT);
        clusters.setText(s);
        if (clusters.next() != s.length()) {
            return false;
        }
        int first = s.codePointAt(0);
        if (first < 0x80) {
            return s.length() > 1 && UCharacter.hasBinaryProperty(first, UProperty.EMOJI);
        }
        return UCharacter.hasBinaryProperty(first, UProperty.EMOJI)
                || UCharacter.hasBinaryProperty(first, UProperty.REGIONAL_INDICATOR);
    }
}
