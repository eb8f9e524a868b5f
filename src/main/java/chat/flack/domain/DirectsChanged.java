package chat.flack.domain;

import java.util.List;

/** Event: the direct conversations of these logins changed (one was opened): their sockets get {@code directs}. */
public record DirectsChanged(List<String> loginIds) implements ChatEvent {
    public DirectsChanged {
        loginIds = List.copyOf(loginIds);
    }
}
