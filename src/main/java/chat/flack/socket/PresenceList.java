package chat.flack.socket;

import chat.flack.domain.PresenceChanged.UserPresence;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A {@code presence} list that others can be added to: its users are encoded once, and each
 * socket's frame is those bytes followed by its additions, copied into one whole frame. So a
 * socket that opens reads one list of everyone online in one frame, while the long part of it,
 * the list at the last tick, is encoded once for every socket that opens until the next tick.
 */
final class PresenceList {

    private static final String CLOSE = "]}";
    /** The start of every presence frame's JSON, up to its first user: its fields are written in name order. */
    private static final String OPEN = open(Frames.encode(new Frames.PresenceFrame(List.of())));

    /** The JSON of this list's frame without its {@link #CLOSE}, in UTF-8. */
    private final byte[] start;
    private final boolean empty;
    /** The frame of this list alone, shared by every socket that adds no one; made at the first. */
    private Frame alone;

    PresenceList(List<UserPresence> users) {
        String json = Frames.encode(new Frames.PresenceFrame(users));
        start = json.substring(0, json.length() - CLOSE.length()).getBytes(StandardCharsets.UTF_8);
        empty = users.isEmpty();
    }

    /**
     * The frame of this list's users followed by {@code more}; with no more, the same frame for
     * every socket. Not safe for concurrent use: on the sequencer.
     */
    Frame with(List<UserPresence> more) {
        if (more.isEmpty()) {
            if (alone == null) {
                alone = Frame.text(start, CLOSE.getBytes(StandardCharsets.UTF_8));
            }
            return alone;
        }
        String json = Frames.encode(new Frames.PresenceFrame(more));
        String entries = json.substring(OPEN.length(), json.length() - CLOSE.length());
        String rest = (empty || entries.isEmpty() ? "" : ",") + entries + CLOSE;
        return Frame.text(start, rest.getBytes(StandardCharsets.UTF_8));
    }

    private static String open(String emptyList) {
        if (!emptyList.endsWith("[" + CLOSE)) {
            throw new IllegalStateException("A presence frame does not end with its users: " + emptyList);
        }
        return emptyList.substring(0, emptyList.length() - CLOSE.length());
    }
}
