package chat.flack.domain;

import java.time.Instant;

/** Node event: a login took a name, living in the session whose id hashes to {@code sessionHash}. */
public record LoginStarted(LoginUser user, String sessionHash, Instant at) implements NodeEvent {
}
