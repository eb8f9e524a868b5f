package chat.flack.web;

import chat.flack.config.Json;
import chat.flack.domain.ChatException;
import chat.flack.domain.ErrorCode;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** Writes JSON answers and the contract's error bodies. */
final class Http {

    private Http() {
    }

    static void json(HttpServletResponse response, int status, Object body) throws IOException {
        byte[] bytes = Json.JSONB.toJson(body).getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        response.setContentType("application/json;charset=UTF-8");
        response.setHeader("Cache-Control", "no-store");
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }

    static void error(HttpServletResponse response, ErrorCode code) throws IOException {
        error(response, code, code.sentence());
    }

    static void error(HttpServletResponse response, ErrorCode code, String message) throws IOException {
        json(response, status(code), new Bodies.Error(code.code(), message));
    }

    static void error(HttpServletResponse response, ChatException e) throws IOException {
        error(response, e.code(), e.getMessage());
    }

    /**
     * A request parameter, or {@code bad-request} when Tomcat cannot decode the parameters
     * (a query string like {@code %zz}).
     */
    static String parameter(HttpServletRequest request, String name) {
        try {
            return request.getParameter(name);
        } catch (IllegalArgumentException | IllegalStateException malformed) {
            throw new ChatException(ErrorCode.BAD_REQUEST, "The request's parameters are malformed.");
        }
    }

    static int status(ErrorCode code) {
        return switch (code) {
            case NAME_TAKEN, CHANNEL_TAKEN -> HttpServletResponse.SC_CONFLICT;
            case NOT_LOGGED_IN -> HttpServletResponse.SC_UNAUTHORIZED;
            case FORBIDDEN_ORIGIN -> HttpServletResponse.SC_FORBIDDEN;
            case NOT_FOUND, NO_SUCH_CHANNEL, NO_SUCH_IMAGE -> HttpServletResponse.SC_NOT_FOUND;
            case TOO_LARGE -> HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE;
            case RATE_LIMITED -> 429;
            case METHOD_NOT_ALLOWED -> HttpServletResponse.SC_METHOD_NOT_ALLOWED;
            case STORAGE_FULL -> 507;
            case INTERNAL -> HttpServletResponse.SC_INTERNAL_SERVER_ERROR;
            case UNAVAILABLE -> HttpServletResponse.SC_SERVICE_UNAVAILABLE;
            default -> HttpServletResponse.SC_BAD_REQUEST;
        };
    }
}
