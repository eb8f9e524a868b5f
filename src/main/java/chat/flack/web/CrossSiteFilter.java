package chat.flack.web;

import chat.flack.config.Settings;
import chat.flack.domain.ErrorCode;
import chat.flack.domain.Texts;
import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.util.Set;
import java.util.logging.Logger;

/**
 * Refuses state changes that another site asks for (PROTOCOL.md, "No cross-site state
 * changes"): every request but a read, and {@code GET /logout}, whose {@code Origin} names
 * another origin, or that has no {@code Origin} and a {@code Sec-Fetch-Site} of
 * {@code cross-site} or {@code same-site}. Requests with neither header (curl, old browsers)
 * and address-bar navigations ({@code Sec-Fetch-Site: none}) pass.
 */
public class CrossSiteFilter extends HttpFilter {

    private static final Logger LOG = Logger.getLogger(CrossSiteFilter.class.getName());
    private static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS");

    @Inject
    Settings settings;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        boolean changesState = !READS.contains(request.getMethod()) || "/logout".equals(request.getServletPath());
        if (changesState && crossSite(request)) {
            LOG.info("Refused a cross-site " + request.getMethod() + " " + Texts.forLog(request.getServletPath(), 60)
                    + ": forbidden-origin");
            Http.error(response, ErrorCode.FORBIDDEN_ORIGIN);
            return;
        }
        chain.doFilter(request, response);
    }

    private boolean crossSite(HttpServletRequest request) {
        String origin = request.getHeader("Origin");
        if (origin != null) {
            return !SameOrigin.matches(origin, request, settings.allowedOrigins());
        }
        String site = request.getHeader("Sec-Fetch-Site");
        return "cross-site".equalsIgnoreCase(site) || "same-site".equalsIgnoreCase(site);
    }
}
