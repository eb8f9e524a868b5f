package chat.flack.domain;

import java.util.Set;

/**
 * A display or channel name that keeps the character rules: {@code display} as people see it
 * (NFC, trimmed, spaces collapsed), {@code key}, the form two names are compared by, and its
 * UTS #39 confusable {@code skeletons}, by which look-alikes of a name in use are told apart.
 * {@code singleScript} is false for a name that mixes scripts beyond "highly restrictive": such
 * a name is refused, unless it looks like one in use, which makes it taken.
 */
public record Name(String display, String key, Set<String> skeletons, boolean singleScript) {
}
