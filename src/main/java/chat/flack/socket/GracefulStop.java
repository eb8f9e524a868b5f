package chat.flack.socket;

import chat.flack.domain.ChatService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import java.time.Duration;
import java.util.logging.Logger;

/**
 * When Flack stops: first every accepted message is stored and queued to its sockets, then the
 * sockets are closed with 1001 once their queues are sent. It runs when the application scope
 * is about to end, which on Tomcat comes before Tomcat closes the sockets itself.
 */
@ApplicationScoped
public class GracefulStop {

    private static final Logger LOG = Logger.getLogger(GracefulStop.class.getName());

    @Inject
    ChatService chat;

    @Inject
    Rooms rooms;

    void onStop(@Observes @BeforeDestroyed(ApplicationScoped.class) Object event) {
        chat.drain();
        try {
            rooms.closeAll(Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        LOG.info("Flack stopped: every accepted message is stored; sockets closed with 1001");
    }
}
