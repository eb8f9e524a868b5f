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
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.logging.Logger;

/**
 * Guards the {@code /socket} handshake before Tomcat upgrades it: a foreign or missing
 * {@code Origin} gets 403 (no cross-site WebSocket hijacking), a session without a login 401.
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
        if (!originAllowed(request.getHeader("Origin"), request)) {
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

    private boolean originAllowed(String origin, HttpServletRequest request) {
        if (origin == null) {
            return false;
        }
        String normal = origin.trim().toLowerCase(Locale.ROOT);
        if (settings.allowedOrigins().contains(normal)) {
            return true;
        }
        String host = request.getHeader("Host");
        try {
            URI uri = new URI(normal);
            if (uri.getHost() == null || host == null || !("http".equals(uri.getScheme())
                    || "https".equals(uri.getScheme()))) {
                return false;
            }
            int defaultPort = "https".equals(uri.getScheme()) ? 443 : 80;
            return authority(uri.getHost(), uri.getPort() < 0 ? defaultPort : uri.getPort(), defaultPort)
                    .equals(hostHeader(host.toLowerCase(Locale.ROOT), defaultPort));
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static String hostHeader(String host, int defaultPort) {
        int colon = host.lastIndexOf(':');
        if (colon > 0 && colon > host.lastIndexOf(']')) {
            try {
                return authority(host.substring(0, colon), Integer.parseInt(host.substring(colon + 1)), defaultPort);
            } catch (NumberFormatException e) {
                return host;
            }
        }
        return authority(host, defaultPort, defaultPort);
    }

    private static String authority(String host, int port, int defaultPort) {
        return port == defaultPort ? host : host + ":" + port;
    }
}
