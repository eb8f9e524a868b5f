package chat.flack.web;

import jakarta.servlet.http.HttpServletRequest;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Whether an {@code Origin} header names the site a request was sent to: the same scheme,
 * host and port (default ports spelled or not), or an origin in the configured allow-list.
 */
final class SameOrigin {

    private SameOrigin() {
    }

    static boolean matches(String origin, HttpServletRequest request, Set<String> allowed) {
        if (origin == null) {
            return false;
        }
        String normal = origin.trim().toLowerCase(Locale.ROOT);
        if (allowed.contains(normal)) {
            return true;
        }
        String host = request.getHeader("Host");
        String scheme = request.getScheme().toLowerCase(Locale.ROOT);
        Optional<URI> uri = parse(normal);
        if (uri.isEmpty() || uri.get().getHost() == null || host == null || !scheme.equals(uri.get().getScheme())) {
            return false;
        }
        int defaultPort = "https".equals(scheme) ? 443 : 80;
        int port = uri.get().getPort() < 0 ? defaultPort : uri.get().getPort();
        return authority(uri.get().getHost(), port, defaultPort)
                .equals(hostHeader(host.toLowerCase(Locale.ROOT), defaultPort));
    }

    private static Optional<URI> parse(String origin) {
        try {
            URI uri = new URI(origin);
            return "http".equals(uri.getScheme()) || "https".equals(uri.getScheme()) ? Optional.of(uri) : Optional.empty();
        } catch (URISyntaxException e) {
            return Optional.empty();
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
