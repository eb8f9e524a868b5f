package chat.flack.socket;

import chat.flack.domain.ChatService;
import jakarta.inject.Inject;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;

import java.time.Duration;
import java.util.logging.Logger;

/**
 * When Flack stops: first every accepted message is stored and queued to its sockets, then the
 * sockets are closed with 1001 once their queues are sent. Runs before Tomcat closes the
 * sockets itself (listeners stop in the reverse order they started).
 */
@WebListener
public class GracefulStop implements ServletContextListener {

    private static final Logger LOG = Logger.getLogger(GracefulStop.class.getName());

    @Inject
    ChatService chat;

    @Inject
    Rooms rooms;

    @Override
    public void contextDestroyed(ServletContextEvent event) {
        chat.drain();
        try {
            rooms.closeAll(Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        LOG.info("Flack stopped: every accepted message is stored; sockets closed with 1001");
    }
}
