package chat.flack.domain;

import com.ibm.icu.lang.UCharacter;
import com.ibm.icu.lang.UProperty;
import com.ibm.icu.text.SpoofChecker;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The naming rules shared by display names and channel names (PROTOCOL.md, "Names" and
 * "Safety rules"). Script mixing and confusable skeletons are ICU4J's UTS #39 implementation.
 */
public final class Names {

    /** Immutable once built, so one instance serves every thread. */
    private static final SpoofChecker SCRIPTS = new SpoofChecker.Builder()
            .setChecks(SpoofChecker.RESTRICTION_LEVEL)
            .setRestrictionLevel(SpoofChecker.RestrictionLevel.HIGHLY_RESTRICTIVE)
            .build();

    private Names() {
    }

    /**
     * Normalises {@code raw} (NFC, spaces trimmed and collapsed) and checks it: 1 to
     * {@code maxLength} code points of letters, marks, decimal digits, space, '_', '-', '.',
     * beginning with a letter or digit, with no default-ignorable (invisible) code point.
     *
     * @return the name, or empty when {@code raw} breaks a rule
     */
    public static Optional<Name> parse(String raw, int maxLength) {
        if (raw == null || !Texts.wellFormed(raw)) {
            return Optional.empty();
        }
        String display = collapseSpaces(Normalizer.normalize(raw, Normalizer.Form.NFC));
        int length = display.codePointCount(0, display.length());
        if (length < 1 || length > maxLength || !startsWithLetterOrDigit(display)
                || !display.codePoints().allMatch(Names::allowed)) {
            return Optional.empty();
        }
        return Optional.of(new Name(display, key(display), skeletons(display), !SCRIPTS.failsChecks(display)));
    }

    /** The comparison form of a name that may or may not be valid: NFC, then lower case in the root locale. */
    public static String key(String name) {
        return Normalizer.normalize(collapseSpaces(Normalizer.normalize(name, Normalizer.Form.NFC))
                .toLowerCase(Locale.ROOT), Normalizer.Form.NFC);
    }

    /**
     * The confusable skeletons of a name: of its key (so that case does not hide a look-alike,
     * "cаrol" for "Carol") and of the name as shown (so that "Ivan" and "lvan" collide).
     */
    public static Set<String> skeletons(String display) {
        return Stream.of(SCRIPTS.getSkeleton(key(display)), SCRIPTS.getSkeleton(display))
                .collect(Collectors.toUnmodifiableSet());
    }

    private static String collapseSpaces(String s) {
        StringBuilder out = new StringBuilder(s.length());
        boolean pendingSpace = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == ' ') {
                pendingSpace = out.length() > 0;
            } else {
                if (pendingSpace) {
                    out.append(' ');
                    pendingSpace = false;
                }
                out.append(c);
            }
        }
        return out.toString();
    }

    private static boolean startsWithLetterOrDigit(String s) {
        return !s.isEmpty() && UCharacter.isLetterOrDigit(s.codePointAt(0));
    }

    private static boolean allowed(int cp) {
        if (cp == ' ' || cp == '_' || cp == '-' || cp == '.') {
            return true;
        }
        if (UCharacter.hasBinaryProperty(cp, UProperty.DEFAULT_IGNORABLE_CODE_POINT)) {
            return false;
        }
        switch (Character.getType(cp)) {
            case Character.UPPERCASE_LETTER, Character.LOWERCASE_LETTER, Character.TITLECASE_LETTER,
                    Character.MODIFIER_LETTER, Character.OTHER_LETTER,
                    Character.NON_SPACING_MARK, Character.ENCLOSING_MARK, Character.COMBINING_SPACING_MARK,
                    Character.DECIMAL_DIGIT_NUMBER:
                return true;
            default:
                return false;
        }
    }
}
