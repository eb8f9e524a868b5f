package chat.flack.domain;

import java.util.List;

/** Event: users came online (their first socket on any node opened) or went offline (their last closed). */
public record PresenceChanged(List<UserPresence> users) implements ChatEvent {

    /** A user and whether they are online now. */
    public record UserPresence(String user, boolean online) {
    }
}
