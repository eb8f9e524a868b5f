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
        try {
            Name name = Names.parse(Http.parameter(request, "name"), chat.settings().maxChannelNameLength())
                    .orElseThrow(() -> new ChatException(ErrorCode.INVALID_CHANNEL));
            Http.json(response, 200, new Bodies.NameCheck(name.display(), chat.isChannelAvailable(name)));
        } catch (ChatException e) {
            Http.error(response, e);
        }
    }
}
