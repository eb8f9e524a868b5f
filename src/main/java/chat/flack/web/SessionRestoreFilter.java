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
 * Logs a browser back in when it brings a session id that this Tomcat does not know (after a
 * restart or a crash, or a login made through another node) but that is a current login's:
 * the new session takes the id the browser brought (see {@code META-INF/context.xml}), so a
 * browser moving between nodes keeps its one id. So a login outlives the server process, as
 * the seed promised, and works through every node. A
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
            Sessions.invalidate(current);
        }
        String requested = request.getRequestedSessionId();
        if (requested != null && !request.isRequestedSessionIdValid() && request.isRequestedSessionIdFromCookie()) {
            Optional<LoginUser> user = chat.restore(Sessions.hash(requested));
            if (user.isPresent()) {
                HttpSession session = request.getSession(true);
                session.setAttribute(Sessions.USER, user.get());
                String hash = Sessions.hash(session.getId());
                if (!hash.equals(Sessions.hash(requested))) {
                    chat.rebind(user.get(), hash);
                }
            }
        }
        chain.doFilter(request, response);
    }
}
