package chat.flack.web;

import chat.flack.config.Settings;
import chat.flack.domain.ErrorCode;
import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.util.logging.Logger;

/**
 * Guards the {@code /socket} handshake before Tomcat upgrades it: a foreign or missing
 * {@code Origin} (scheme, host and port compared) gets 403 (no cross-site WebSocket
 * hijacking), a session without a login 401.
 */
public class SocketGuardFilter extends HttpFilter {

    private static final Logger LOG = Logger.getLogger(SocketGuardFilter.class.getName());

    @Inject
    Settings settings;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (!"websocket".equalsIgnoreCase(request.getHeader("Upgrade"))) {
            chain.doFilter(request, response);
            return;
        }
        if (!SameOrigin.matches(request.getHeader("Origin"), request, settings.allowedOrigins())) {
            LOG.info("Socket refused: forbidden-origin");
            Http.error(response, ErrorCode.FORBIDDEN_ORIGIN);
            return;
        }
        if (Sessions.user(request).isEmpty()) {
            LOG.info("Socket refused: not-logged-in");
            Http.error(response, ErrorCode.NOT_LOGGED_IN);
            return;
        }
        chain.doFilter(request, response);
    }
}
