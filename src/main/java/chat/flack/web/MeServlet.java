package chat.flack.web;

import chat.flack.domain.ChatService;
import chat.flack.domain.ErrorCode;
import chat.flack.domain.LoginUser;
import chat.flack.domain.Message;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.util.Optional;

/**
 * {@code GET /me}: the display name of the session's login, while it is current, and the
 * {@code author} its messages carry (so that a page knows its own messages from those of an
 * earlier holder of the name).
 */
@WebServlet("/me")
public class MeServlet extends HttpServlet {

    @Inject
    ChatService chat;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Optional<LoginUser> user = Sessions.user(request).filter(chat::isCurrent);
        if (user.isEmpty()) {
            Http.error(response, ErrorCode.NOT_LOGGED_IN);
            return;
        }
        Http.json(response, 200, new Bodies.Me(user.get().name(), Message.authorOf(user.get().loginId())));
    }
}
