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

/** {@code GET /checkdispname?name=N}: is that display name valid and free? */
@WebServlet("/checkdispname")
public class CheckNameServlet extends HttpServlet {

    @Inject
    ChatService chat;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        try {
            Name name = Names.parse(Http.parameter(request, "name"), chat.settings().maxNameLength())
                    .orElseThrow(() -> new ChatException(ErrorCode.INVALID_NAME));
            Http.json(response, 200, new Bodies.NameCheck(name.display(), chat.isNameAvailable(name)));
        } catch (ChatException e) {
            Http.error(response, e);
        }
    }
}
