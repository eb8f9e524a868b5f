package chat.flack.domain;

/**
 * Carries the chat's events to the sockets of every node. The one-node relay hands each event
 * straight to this node's observers; a relay between nodes publishes it to the others too.
 */
public interface Relay {

    /** Delivers {@code event} to every node, this one included. */
    void publish(ChatEvent event);
}
