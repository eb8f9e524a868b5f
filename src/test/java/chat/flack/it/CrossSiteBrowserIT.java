package chat.flack.it;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import static chat.flack.it.HttpContractIT.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A logged-in user's real Chromium visits another site's page that attacks Flack: a navigation
 * to {@code /logout}, a form that signs the browser up under another name, a frame around the
 * chat. The other site is a server of the test's own on another port: under the app's own host
 * it is another origin of the same site (the session cookie, {@code SameSite=Lax}, still goes
 * along); under the other loopback name it is another site.
 */
class CrossSiteBrowserIT extends ServerIT {

    @Test
    void aNavigationToLogoutFromAnotherOriginOfTheSameSiteKeepsTheLogin() throws IOException {
        navigationToLogoutKeepsTheLogin(sameSiteHost());
    }

    @Test
    void aNavigationToLogoutFromAnotherSiteKeepsTheLogin() throws IOException {
        navigationToLogoutKeepsTheLogin(crossSiteHost());
    }

    @Test
    void aFormSignUpFromAnotherOriginOfTheSameSiteIsForbidden() throws IOException {
        formSignUpIsForbidden(sameSiteHost());
    }

    @Test
    void aFormSignUpFromAnotherSiteIsForbidden() throws IOException {
        formSignUpIsForbidden(crossSiteHost());
    }

    /** Same site, so that the framed chat would get the session cookie and show if it could be framed. */
    @Test
    void theChatPageDoesNotShowInsideAnotherOriginsFrame() throws IOException {
        try (ForeignSite evil = ForeignSite.start(); Browser b = Browser.open(base)) {
            b.login(unique("Framed"));
            String page = evil.serve("<iframe id=\"app\" src=\"" + b.url("/chat.html")
                    + "\" onload=\"window.frameLoaded = true\"></iframe>");
            b.driver.get(evil.url(sameSiteHost(), page));
            b.waitUntil(d -> Boolean.TRUE.equals(b.js("return window.frameLoaded === true")));
            b.driver.switchTo().frame("app");
            try {
                assertThat(b.findAll(".channel-list")).as("the chat inside the frame").isEmpty();
            } finally {
                b.driver.switchTo().defaultContent();
            }
        }
    }

    private void navigationToLogoutKeepsTheLogin(String foreignHost) throws IOException {
        String victim = unique("Victim");
        String channel = channelFromServer();
        try (ForeignSite evil = ForeignSite.start(); Browser b = Browser.open(base)) {
            b.login(victim);
            String page = evil.serve("<script>location.href = '" + b.url("/logout") + "';</script>");
            b.driver.get(evil.url(foreignHost, page));
            b.waitUntil(d -> d.getCurrentUrl().startsWith(b.url("/")));
            assertStillLoggedInAs(b, victim, channel);
        }
    }

    private void formSignUpIsForbidden(String foreignHost) throws IOException {
        String victim = unique("Victim");
        String attacker = unique("Mallory");
        String channel = channelFromServer();
        try (ForeignSite evil = ForeignSite.start(); Browser b = Browser.open(base)) {
            b.login(victim);
            String page = evil.serve("<form method=\"post\" action=\"" + b.url("/newuser") + "\">"
                    + "<input name=\"displayname\" value=\"" + attacker + "\"></form>"
                    + "<script>document.forms[0].submit();</script>");
            b.driver.get(evil.url(foreignHost, page));
            b.waitUntil(d -> d.getCurrentUrl().startsWith(b.url("/")));
            assertThat(b.driver.getPageSource()).as("what the browser shows").contains("forbidden-origin");
            assertStillLoggedInAs(b, victim, channel);
        }
        String check = "/checkdispname?name=" + URLEncoder.encode(attacker, StandardCharsets.UTF_8);
        assertThat(json(client().get(check)).getBoolean("available")).as("the attacker's name").isTrue();
    }

    /** Opening the chat shows the chat (not the name page), and a message sent there is signed {@code name}. */
    private static void assertStillLoggedInAs(Browser b, String name, String channel) {
        b.go("/chat.html");
        b.waitUntil(d -> !d.findElements(By.cssSelector(".channel-list, #displayname")).isEmpty());
        assertThat(b.path()).as("the chat page, not the name page").isEqualTo("/chat.html");
        b.waitUntil(d -> "connected".equals(b.connectionState()));
        b.join(channel);
        String text = "still here, " + name;
        b.say(text);
        b.waitForMessage(text);
        assertThat(b.messages()).filteredOn(m -> m.get(2).equals(text)).extracting(m -> m.get(1)).containsExactly(name);
    }

    private String sameSiteHost() {
        return base.getHost();
    }

    private String crossSiteHost() {
        return base.getHost().equals("localhost") ? "127.0.0.1" : "localhost";
    }

    /** The attacker's web server: serves the pages it is given, on loopback and a port of its own. */
    private static final class ForeignSite implements AutoCloseable {
        private final HttpServer server;
        private final Map<String, String> pages = new ConcurrentHashMap<>();
        private final AtomicInteger count = new AtomicInteger();

        private ForeignSite(HttpServer server) {
            this.server = server;
        }

        static ForeignSite start() throws IOException {
            ForeignSite site = new ForeignSite(HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0));
            site.server.createContext("/", exchange -> {
                String page = site.pages.get(exchange.getRequestURI().getPath());
                byte[] body = (page == null ? "not here" : page).getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", page == null ? "text/plain" : "text/html;charset=utf-8");
                exchange.sendResponseHeaders(page == null ? 404 : 200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            });
            site.server.start();
            return site;
        }

        /** Publishes a page with {@code body} and returns its path. */
        String serve(String body) {
            String path = "/page" + count.incrementAndGet() + ".html";
            pages.put(path, "<!doctype html><html><head><title>elsewhere</title></head><body>" + body + "</body></html>");
            return path;
        }

        String url(String host, String path) {
            return "http://" + host + ":" + server.getAddress().getPort() + path;
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}
