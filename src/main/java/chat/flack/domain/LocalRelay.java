package chat.flack.domain;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;

/**
 * The relay of a single node: each event becomes a CDI event, observed by this node's sockets
 * ({@code Rooms}) on the publishing thread.
 */
@ApplicationScoped
public class LocalRelay implements Relay {

    @Inject
    Event<ChatEvent> events;

    @Override
    public void publish(ChatEvent event) {
        events.fire(event);
    }
}
