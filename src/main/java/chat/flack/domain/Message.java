package chat.flack.domain;

import java.time.Instant;

/**
 * An accepted, stored message. {@code userKey} is the sender's name key (for the resend rule);
 * {@code image} and {@code clientId} may be null.
 */
public record Message(long id, String channel, String user, String userKey, String text, String image,
                      Instant timestamp, String clientId) {

    /** Heap bytes beyond the strings: the record, its boxes and a collection's slot for it. */
    private static final long OVERHEAD = 160;

    /** The heap bytes this message holds, estimated: 2 per UTF-16 unit of its strings, plus the record. */
    public long heapBytes() {
        return OVERHEAD + 2L * (length(channel) + length(user) + length(userKey) + length(text) + length(image)
                + length(clientId));
    }

    private static int length(String s) {
        return s == null ? 0 : s.length();
    }
}
