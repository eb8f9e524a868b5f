package chat.flack.web;

import chat.flack.domain.ChatException;
import chat.flack.domain.ChatService;
import chat.flack.domain.ErrorCode;
import chat.flack.domain.Name;
import chat.flack.domain.Names;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.util.Optional;

/** {@code GET /checkchannel?name=C}: is that channel name valid and free? For logged-in users. */
@WebServlet("/checkchannel")
public class CheckChannelServlet extends HttpServlet {

    @Inject
    ChatService chat;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (Sessions.user(request).isEmpty()) {
            Http.error(response, ErrorCode.NOT_LOGGED_IN);
            return;
        }
        Optional<Name> name = Names.parse(request.getParameter("name"), chat.settings().maxChannelNameLength());
        if (name.isEmpty()) {
            Http.error(response, ErrorCode.INVALID_CHANNEL);
            return;
        }
        try {
            Http.json(response, 200,
                    new Bodies.NameCheck(name.get().display(), chat.isChannelAvailable(name.get())));
        } catch (ChatException e) {
            Http.error(response, e);
        }
    }
}
