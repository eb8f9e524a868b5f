package chat.flack.domain;

/**
 * A valid display or channel name: {@code display} as people see it (NFC, trimmed, spaces
 * collapsed) and {@code key}, the form two names are compared by.
 */
public record Name(String display, String key) {
}
