package chat.flack.domain;

import com.ibm.icu.lang.UCharacter;
import com.ibm.icu.lang.UProperty;

/** What makes a string from a client acceptable as text (PROTOCOL.md, "Safety rules"). */
public final class Texts {

    private static final char REPLACEMENT = '\uFFFD';

    private Texts() {
    }

    /**
     * True when {@code s} is well-formed Unicode without NUL: every surrogate is half of a pair.
     * Nothing else can fail to encode as UTF-8 on its way to a client.
     */
    public static boolean wellFormed(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == 0) {
                return false;
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 == s.length() || !Character.isLowSurrogate(s.charAt(i + 1))) {
                    return false;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    /**
     * {@code s} with every unpaired surrogate and NUL replaced by U+FFFD, so that a value stored before
     * the rule (or by another writer) can always be sent. Returns {@code s} itself when it is fine.
     */
    public static String repaired(String s) {
        if (s == null || wellFormed(s)) {
            return s;
        }
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                out.append(c).append(s.charAt(++i));
            } else if (Character.isSurrogate(c) || c == 0) {
                out.append(REPLACEMENT);
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** True when {@code s} shows nothing: only white space and default-ignorable (invisible) code points. */
    public static boolean invisible(String s) {
        return s.codePoints().allMatch(cp -> UCharacter.isUWhiteSpace(cp)
                || UCharacter.hasBinaryProperty(cp, UProperty.DEFAULT_IGNORABLE_CODE_POINT));
    }

    /**
     * A client's value as it may appear in a log line: control characters escaped, cut to
     * {@code max} characters, so that nobody can forge a line or flood the log through it.
     */
    public static String forLog(String s, int max) {
        if (s == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder(Math.min(s.length(), max) + 8);
        for (int i = 0; i < s.length() && out.length() < max; i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0) || c == '\u2028' || c == '\u2029'
                    || Character.isSurrogate(c)) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.length() >= max && s.length() > max ? out.append("…").toString() : out.toString();
    }
}
