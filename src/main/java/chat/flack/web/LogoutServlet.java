package chat.flack.web;

import chat.flack.domain.ChatService;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import java.util.logging.Logger;

/** {@code POST /logout} (and {@code GET}): ends the session and releases its name. */
@WebServlet("/logout")
public class LogoutServlet extends HttpServlet {

    private static final Logger LOG = Logger.getLogger(LogoutServlet.class.getName());

    @Inject
    ChatService chat;

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) {
        HttpSession session = request.getSession(false);
        if (session != null) {
            Sessions.take(session).ifPresent(user -> {
                chat.logout(user);
                LOG.info("Logout: a user released a name (" + chat.logins() + " user(s) now)");
            });
            Sessions.invalidate(session);
        }
        NewUserServlet.seeOther(request, response, "/");
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) {
        doPost(request, response);
    }
}
