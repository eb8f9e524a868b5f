package chat.flack.domain;

import java.util.List;

/** Event: the unread counts of the login {@code loginId}, every channel with unread messages; its sockets get {@code unread}. */
public record UnreadCounts(String loginId, List<Entry> channels) implements ChatEvent {

    public UnreadCounts {
        channels = List.copyOf(channels);
    }

    /** One channel's counts: unread messages, those that mention the user, and the channel's newest message id. */
    public record Entry(String channel, int unread, int mentions, long last) {
    }
}
