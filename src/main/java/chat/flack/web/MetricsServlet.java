package chat.flack.web;

import chat.flack.config.Settings;
import chat.flack.domain.ErrorCode;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * {@code GET /metrics} in the Prometheus text format. Not for the world: with
 * {@code FLACK_METRICS_TOKEN} set it needs {@code Authorization: Bearer <token>}; without, it
 * answers only requests from this machine.
 */
@WebServlet("/metrics")
public class MetricsServlet extends HttpServlet {

    @Inject
    PrometheusMeterRegistry registry;

    @Inject
    Settings settings;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!allowed(request.getRemoteAddr(), request.getHeader("Authorization"), settings.metricsToken())) {
            Http.error(response, ErrorCode.NOT_FOUND);
            return;
        }
        response.setContentType("text/plain; version=0.0.4; charset=utf-8");
        response.setHeader("Cache-Control", "no-store");
        response.getOutputStream().write(registry.scrape().getBytes(StandardCharsets.UTF_8));
    }

    /** Whether a request from {@code remoteAddr} with that {@code Authorization} header may read the metrics. */
    static boolean allowed(String remoteAddr, String header, String token) throws IOException {
        if (token == null) {
            return InetAddress.getByName(remoteAddr).isLoopbackAddress();
        }
        return header != null && MessageDigest.isEqual(header.getBytes(StandardCharsets.UTF_8),
                ("Bearer " + token).getBytes(StandardCharsets.UTF_8));
    }
}
