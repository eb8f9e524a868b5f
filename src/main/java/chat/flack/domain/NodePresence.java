package chat.flack.domain;

import java.util.List;

/**
 * Node event: the display names of the users with a socket open on node {@code node}, sent
 * when they change and every few seconds, so that a node that stops sending (it died, or the
 * relay is down) is forgotten. Never stored.
 */
public record NodePresence(String node, List<String> users) implements NodeEvent {
    public NodePresence {
        users = List.copyOf(users);
    }
}
