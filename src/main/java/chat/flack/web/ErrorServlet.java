package chat.flack.web;

import chat.flack.domain.ErrorCode;
import chat.flack.domain.Texts;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Every error that no servlet answered itself (web.xml sends them all here): the contract's
 * JSON body for API paths, a plain page of Flack's own for pages, and never a stack trace,
 * class name or server version. An unexpected exception is logged once, with its path.
 */
@WebServlet("/error")
public class ErrorServlet extends HttpServlet {

    private static final Logger LOG = Logger.getLogger(ErrorServlet.class.getName());

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        Object failure = request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
        String path = String.valueOf(request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI));
        int code = status instanceof Integer i ? i : HttpServletResponse.SC_NOT_FOUND;
        if (failure instanceof Throwable t) {
            LOG.log(Level.SEVERE, "A request to " + Texts.forLog(path, 80) + " failed", t);
        }
        ErrorCode error = switch (code) {
            case HttpServletResponse.SC_BAD_REQUEST -> ErrorCode.BAD_REQUEST;
            case HttpServletResponse.SC_NOT_FOUND -> ErrorCode.NOT_FOUND;
            case HttpServletResponse.SC_METHOD_NOT_ALLOWED -> ErrorCode.METHOD_NOT_ALLOWED;
            case HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE -> ErrorCode.TOO_LARGE;
            case HttpServletResponse.SC_SERVICE_UNAVAILABLE -> ErrorCode.UNAVAILABLE;
            default -> code >= 500 ? ErrorCode.INTERNAL : ErrorCode.BAD_REQUEST;
        };
        if (response.isCommitted()) {
            return;
        }
        response.resetBuffer();
        if (isPage(path)) {
            page(response, code, error);
        } else {
            Http.json(response, code, new Bodies.Error(error.code(), error.sentence()));
        }
    }

    private static boolean isPage(String path) {
        return path.equals("/") || path.endsWith(".html");
    }

    private static void page(HttpServletResponse response, int code, ErrorCode error) throws IOException {
        byte[] body = ("<!doctype html><html lang=\"en\"><meta charset=\"utf-8\"><title>Flack</title>"
                + "<link rel=\"stylesheet\" href=\"/style.css\"><main class=\"error-page\"><h1>Flack</h1><p>"
                + error.sentence() + "</p><p><a href=\"/\">Back to Flack</a></p></main></html>")
                .getBytes(StandardCharsets.UTF_8);
        response.setStatus(code);
        response.setContentType("text/html;charset=UTF-8");
        response.setHeader("Cache-Control", "no-store");
        PageFilter.pageHeaders(response);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
