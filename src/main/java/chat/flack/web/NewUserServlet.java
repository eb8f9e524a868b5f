package chat.flack.web;

import chat.flack.domain.ChatException;
import chat.flack.domain.ChatService;
import chat.flack.domain.ErrorCode;
import chat.flack.domain.LoginUser;
import chat.flack.domain.Name;
import chat.flack.domain.Names;
import jakarta.inject.Inject;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.MultipartConfig;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import java.io.IOException;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * {@code POST /newuser}: takes a display name for this browser. The session gets a new id
 * (no fixation); a name the session held before is released.
 */
@WebServlet("/newuser")
@MultipartConfig(maxFileSize = 16 * 1024, maxRequestSize = 64 * 1024)
public class NewUserServlet extends HttpServlet {

    private static final Logger LOG = Logger.getLogger(NewUserServlet.class.getName());

    @Inject
    ChatService chat;

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        boolean json = wantsJson(request);
        String raw;
        try {
            raw = request.getParameter("displayname");
        } catch (IllegalStateException tooLarge) {
            raw = null;
        }
        Optional<Name> name = Names.parse(raw, chat.settings().maxNameLength());
        if (name.isEmpty()) {
            LOG.info("Login refused: invalid-name");
            fail(request, response, json, new ChatException(ErrorCode.INVALID_NAME));
            return;
        }
        HttpSession old = request.getSession(false);
        Optional<LoginUser> previous = old == null ? Optional.empty() : Sessions.user(old);
        if (previous.isPresent() && previous.get().key().equals(name.get().key())) {
            // Taking one's own name again: the old login lets go of it first.
            Sessions.take(old);
            chat.logout(previous.get());
            previous = Optional.empty();
        }
        HttpSession session = sessionWithNewId(request);
        String hash = Sessions.hash(session.getId());
        LoginUser user;
        try {
            user = chat.login(name.get(), hash, request.getRemoteAddr());
        } catch (ChatException e) {
            // A refused login changes nothing: the session's login, if any, stays, under its new id.
            previous.ifPresent(p -> chat.rebind(p, hash));
            LOG.info("Login refused: " + e.code().code());
            fail(request, response, json, e);
            return;
        }
        previous.ifPresent(chat::logout);
        while (!Sessions.hold(session, user)) {
            // A request of the same session (a logout, or one that found the old login ended)
            // ended it meanwhile: the new login gets a session of its own.
            session = sessionWithNewId(request);
            chat.rebind(user, Sessions.hash(session.getId()));
        }
        LOG.info("Login: a user took a name (" + chat.logins() + " user(s) now)");
        if (json) {
            Http.json(response, HttpServletResponse.SC_CREATED, new Bodies.User(user.name()));
        } else {
            seeOther(request, response, "/chat.html");
        }
    }

    /**
     * The request's session under a fresh id, also for a session just made with an id the
     * browser brought (Tomcat keeps those, see META-INF/context.xml): no session fixation. When
     * another request of the same session ends it meanwhile, a new one is taken.
     */
    private static HttpSession sessionWithNewId(HttpServletRequest request) {
        while (true) {
            HttpSession session = request.getSession(true);
            try {
                request.changeSessionId();
                return session;
            } catch (IllegalStateException endedMeanwhile) {
                LOG.fine("A session ended while a login gave it a new id; taking a new one");
            }
        }
    }

    private static void fail(HttpServletRequest request, HttpServletResponse response, boolean json,
                             ChatException e) throws IOException {
        if (json) {
            Http.error(response, e);
        } else {
            seeOther(request, response, "/?error=" + e.code().code());
        }
    }

    static void seeOther(HttpServletRequest request, HttpServletResponse response, String path) {
        response.setStatus(HttpServletResponse.SC_SEE_OTHER);
        response.setHeader("Location", request.getContextPath() + path);
    }

    private static boolean wantsJson(HttpServletRequest request) {
        String accept = request.getHeader("Accept");
        return accept != null && accept.contains("application/json");
    }
}
