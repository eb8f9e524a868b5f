package chat.flack.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;

/** Sends a logged-in browser from the name page to the chat, and everybody else the other way. */
public class PageFilter extends HttpFilter {

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        boolean loggedIn = Sessions.user(request).isPresent();
        boolean chatPage = request.getServletPath().equals("/chat.html");
        response.setHeader("Cache-Control", "no-store");
        if (chatPage && !loggedIn) {
            NewUserServlet.seeOther(request, response, "/");
        } else if (!chatPage && loggedIn) {
            NewUserServlet.seeOther(request, response, "/chat.html");
        } else {
            chain.doFilter(request, response);
        }
    }
}
