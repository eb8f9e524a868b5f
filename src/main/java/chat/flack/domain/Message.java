package chat.flack.domain;

import java.time.Instant;

/**
 * An accepted, stored message. {@code userKey} is the sender's name key (for the resend rule);
 * {@code image} and {@code clientId} may be null.
 */
public record Message(long id, String channel, String user, String userKey, String text, String image,
                      Instant timestamp, String clientId) {
}
