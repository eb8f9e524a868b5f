package chat.flack.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * A stored message as it is now. {@code userKey} is the sender's name key (for the resend
 * rule); {@code loginId} the login that wrote it (null for a message older than the record of
 * logins, which nobody may change); {@code image}, {@code clientId} and {@code edited} may be
 * null. {@code mentions} are the display names the text mentions; {@code version} counts the
 * changes since it was sent, so that a node can drop an older state that arrives late;
 * {@code imageWidth} and {@code imageHeight} are the image's size, null without an image (or
 * for an image whose file could not be read when its size was first recorded).
 */
public record Message(long id, String channel, String user, String userKey, String text, String image,
                      Instant timestamp, String clientId, String loginId, List<String> mentions, Instant edited,
                      boolean deleted, List<Reaction> reactions, int version, Integer imageWidth,
                      Integer imageHeight) {

    /** Heap bytes beyond the strings: the record, its boxes and a collection's slot for it. */
    private static final long OVERHEAD = 200;
    private static final int AUTHOR_BYTES = 12;

    public Message {
        mentions = List.copyOf(mentions);
        reactions = List.copyOf(reactions);
    }

    /** A message as sent: no change yet. (A factory, not a constructor: JSON-B reads a record through its one.) */
    public static Message sent(long id, String channel, String user, String userKey, String text, String image,
                               ImageSize size, Instant timestamp, String clientId, String loginId,
                               List<String> mentions) {
        return new Message(id, channel, user, userKey, text, image, timestamp, clientId, loginId, mentions, null,
                false, List.of(), 0, size == null ? null : size.width(), size == null ? null : size.height());
    }

    /** One emoji on a message and the names of those who reacted with it, in the order they did. */
    public record Reaction(String emoji, List<String> users) {
        public Reaction {
            users = List.copyOf(users);
        }
    }

    /**
     * The opaque name of the login that wrote the message, the same for all of that login's
     * messages and different for a later holder of the name: a hash, so that it tells nothing
     * that could stand for the login.
     */
    public String author() {
        return loginId != null ? authorOf(loginId) : opaque("name:" + userKey);
    }

    /** The {@link #author()} of every message the login {@code loginId} writes. */
    public static String authorOf(String loginId) {
        return opaque("login:" + loginId);
    }

    private static String opaque(String of) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(of.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(hash, AUTHOR_BYTES));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }

    /** Whether the login {@code loginId} wrote this message. */
    public boolean writtenBy(String otherLoginId) {
        return loginId != null && loginId.equals(otherLoginId);
    }

    /** The heap bytes this message holds, estimated: 2 per UTF-16 unit of its strings, plus the record. */
    public long heapBytes() {
        long bytes = OVERHEAD + 2L * (length(channel) + length(user) + length(userKey) + length(text) + length(image)
                + length(clientId) + length(loginId));
        for (String m : mentions) {
            bytes += 48 + 2L * m.length();
        }
        for (Reaction r : reactions) {
            bytes += 64 + 2L * r.emoji().length();
            for (String u : r.users()) {
                bytes += 48 + 2L * u.length();
            }
        }
        return bytes;
    }

    private static int length(String s) {
        return s == null ? 0 : s.length();
    }
}
