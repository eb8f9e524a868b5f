package chat.flack.web;

import chat.flack.domain.ChatService;
import chat.flack.domain.LoginUser;
import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import java.io.IOException;
import java.util.Optional;

/**
 * Logs a browser back in when it brings a session id that Tomcat no longer knows (after a
 * restart or a crash) but that the database has for a current login: the login moves to a new
 * session with a new id. So a login outlives the server process, as the seed promised. A
 * session whose login has ended (released because it was not used for long) is invalidated.
 */
public class SessionRestoreFilter extends HttpFilter {

    @Inject
    ChatService chat;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        HttpSession current = request.getSession(false);
        if (current != null && Sessions.user(current).filter(u -> !chat.isCurrent(u)).isPresent()) {
            current.invalidate();
        }
        String requested = request.getRequestedSessionId();
        if (requested != null && !request.isRequestedSessionIdValid() && request.isRequestedSessionIdFromCookie()) {
            Optional<LoginUser> user = chat.restore(Sessions.hash(requested));
            if (user.isPresent()) {
                HttpSession session = request.getSession(true);
                session.setAttribute(Sessions.USER, user.get());
                chat.rebind(user.get(), Sessions.hash(session.getId()));
            }
        }
        chain.doFilter(request, response);
    }
}
