package chat.flack.web;

import chat.flack.domain.ChatService;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebListener;
import jakarta.servlet.http.HttpSessionEvent;
import jakarta.servlet.http.HttpSessionListener;

/**
 * Releases the name of a session that timed out. Sessions that end because Tomcat stops are
 * not released: their logins come back with the browser (see {@link SessionRestoreFilter}).
 */
@WebListener
public class SessionExpiry implements HttpSessionListener {

    @Inject
    ChatService chat;

    @Override
    public void sessionDestroyed(HttpSessionEvent event) {
        var session = event.getSession();
        long idleMillis = System.currentTimeMillis() - session.getLastAccessedTime();
        boolean timedOut = session.getMaxInactiveInterval() > 0
                && idleMillis >= session.getMaxInactiveInterval() * 1000L;
        if (timedOut) {
            Sessions.user(session).filter(chat::isCurrent).ifPresent(chat::logout);
        }
    }
}
