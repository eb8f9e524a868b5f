package chat.flack.web;

import chat.flack.domain.ChatService;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;

/**
 * {@code GET /health}: UP once Flack can serve and its database answers, DOWN (503) otherwise;
 * a node of several also says whether its relay is up (a node serves its own sockets without).
 */
@WebServlet("/health")
public class HealthServlet extends HttpServlet {

    @Inject
    ChatService chat;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String reason = chat.unavailableReason();
        String relay = chat.relayState();
        if (reason == null) {
            Http.json(response, 200, new Bodies.Health("UP", null, relay));
        } else {
            Http.json(response, 503, new Bodies.Health("DOWN", reason, relay));
        }
    }
}
