package chat.flack.domain;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Optional;

/** The naming rules shared by display names and channel names (PROTOCOL.md, "Names"). */
public final class Names {

    private Names() {
    }

    /**
     * Normalises {@code raw} (NFC, spaces trimmed and collapsed) and checks it: 1 to
     * {@code maxLength} code points of letters, marks, decimal digits, space, '_', '-', '.'.
     *
     * @return the name, or empty when {@code raw} breaks a rule
     */
    public static Optional<Name> parse(String raw, int maxLength) {
        if (raw == null) {
            return Optional.empty();
        }
        String display = collapseSpaces(Normalizer.normalize(raw, Normalizer.Form.NFC));
        int length = display.codePointCount(0, display.length());
        if (length < 1 || length > maxLength || !display.codePoints().allMatch(Names::allowed)) {
            return Optional.empty();
        }
        return Optional.of(new Name(display, key(display)));
    }

    /** The comparison form of a name that may or may not be valid: NFC, then lower case in the root locale. */
    public static String key(String name) {
        return Normalizer.normalize(collapseSpaces(Normalizer.normalize(name, Normalizer.Form.NFC))
                .toLowerCase(Locale.ROOT), Normalizer.Form.NFC);
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

    private static boolean allowed(int cp) {
        if (cp == ' ' || cp == '_' || cp == '-' || cp == '.') {
            return true;
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
