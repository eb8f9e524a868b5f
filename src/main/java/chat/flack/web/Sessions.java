package chat.flack.web;

import chat.flack.domain.LoginUser;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/** Where a login lives in the {@code HttpSession}. */
public final class Sessions {

    /** The session attribute that holds the {@link LoginUser}. */
    public static final String USER = LoginUser.SESSION_ATTRIBUTE;

    private Sessions() {
    }

    /** The login of the request's session, if it has one. */
    public static Optional<LoginUser> user(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        return session == null ? Optional.empty() : user(session);
    }

    public static Optional<LoginUser> user(HttpSession session) {
        try {
            return Optional.ofNullable((LoginUser) session.getAttribute(USER));
        } catch (IllegalStateException invalidated) {
            return Optional.empty();
        }
    }

    /** Takes the login out of {@code session}: empty when it had none, or when another request ended the session meanwhile. */
    static Optional<LoginUser> take(HttpSession session) {
        Optional<LoginUser> user = user(session);
        try {
            session.removeAttribute(USER);
        } catch (IllegalStateException invalidated) {
            return Optional.empty();
        }
        return user;
    }

    /** Puts {@code user}'s login into {@code session}; false when another request ended the session meanwhile. */
    static boolean hold(HttpSession session, LoginUser user) {
        try {
            session.setAttribute(USER, user);
            return true;
        } catch (IllegalStateException invalidated) {
            return false;
        }
    }

    /**
     * Ends {@code session}, also when a request of the same session ended it first (a second
     * logout, or a handshake that found its login ended): either way it is ended, as asked.
     */
    static void invalidate(HttpSession session) {
        try {
            session.invalidate();
        } catch (IllegalStateException alreadyInvalidated) {
            // the session is ended, which is what was asked
        }
    }

    /** What the database keeps of a session id: its SHA-256, so a copy of the database logs nobody in. */
    static String hash(String sessionId) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha.digest(sessionId.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }
}
