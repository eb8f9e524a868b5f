package chat.flack.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;

/**
 * Sends a logged-in browser from the name page to the chat, and everybody else the other way;
 * serves the pages with a content security policy that allows only Flack's own scripts,
 * styles and images, and forbids framing (no clickjacking).
 */
public class PageFilter extends HttpFilter {

    static final String POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; "
            + "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        boolean loggedIn = Sessions.user(request).isPresent();
        boolean chatPage = request.getServletPath().equals("/chat.html");
        response.setHeader("Cache-Control", "no-store");
        pageHeaders(response);
        if (chatPage && !loggedIn) {
            NewUserServlet.seeOther(request, response, "/");
        } else if (!chatPage && loggedIn) {
            NewUserServlet.seeOther(request, response, "/chat.html");
        } else {
            chain.doFilter(request, response);
        }
    }

    /** The headers every page is served with. */
    static void pageHeaders(HttpServletResponse response) {
        response.setHeader("Content-Security-Policy", POLICY);
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Referrer-Policy", "same-origin");
    }
}
