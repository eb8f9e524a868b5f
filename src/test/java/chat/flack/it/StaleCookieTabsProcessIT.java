package chat.flack.it;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Several tabs of one browser that come back after a restart with the same old cookie, all at
 * once, each end logged in, as one login of the name, under the session id they brought.
 */
class StaleCookieTabsProcessIT {

    private static final int TABS = 3;

    @Test
    void threeTabsReturningAtOnceWithOneStaleCookieEndLoggedInAsTheSameName() throws Exception {
        String process = ServerIT.unique("tabs");
        try (TomcatProcess tomcat = new TomcatProcess(process, RestartProcessIT.flackEnv(process))) {
            tomcat.start();
            Client browser = new Client(tomcat.url());
            String user = browser.login(ServerIT.unique("Tabby"));
            String oldId = browser.sessionCookie().orElseThrow().getValue();
            tomcat.stop();
            tomcat.start();

            List<Client> tabs = new ArrayList<>();
            for (int i = 0; i < TABS; i++) {
                tabs.add(RestartProcessIT.sameBrowser(browser, tomcat));
            }
            hitAtOnce(tabs, "/chat.html");
            for (int i = 0; i < TABS; i++) {
                Client tab = tabs.get(i);
                assertThat(tab.get("/checkchannel?name=x").statusCode()).as("tab %d logged in", i).isEqualTo(200);
                // Restored under the id the browser brought (so that it stays one id from node to node).
                assertThat(tab.sessionCookie().orElseThrow().getValue()).as("tab %d keeps the browser's session id", i)
                        .isEqualTo(oldId);
            }

            String channel = ServerIT.unique("Tabs");
            List<Sock> socks = new ArrayList<>();
            try {
                for (Client tab : tabs) {
                    socks.add(tab.socket());
                }
                socks.get(0).create(channel);
                for (Sock s : socks) {
                    s.join(channel);
                }
                for (int i = 0; i < TABS; i++) {
                    String text = "from tab " + i;
                    socks.get(i).say(channel, text);
                    JsonObject m = socks.get(i).await(f -> f.getString("type").equals("message")
                            && f.getJsonObject("message").getString("text").equals(text), text)
                            .getJsonObject("message");
                    assertThat(m.getString("user")).as("the sender of tab %d's message", i).isEqualTo(user);
                }
            } finally {
                socks.forEach(Sock::close);
            }

            assertThat(new Client(tomcat.url()).postForm("/newuser", Map.of("displayname", user), true).statusCode())
                    .as("a fresh client taking the name").isEqualTo(409);
        }
    }

    /**
     * GETs {@code path} from every tab at the same instant, with the tab's cookie: each request
     * is written but for its last byte, then the last bytes go together. Each tab keeps the
     * cookies its answer sets, as a browser would.
     */
    private static void hitAtOnce(List<Client> tabs, String path) throws Exception {
        List<Socket> sockets = new ArrayList<>();
        try {
            for (Client tab : tabs) {
                Socket socket = new Socket(tab.base.getHost(), tab.base.getPort());
                socket.setSoTimeout(20_000);
                String request = "GET " + path + " HTTP/1.1\r\nHost: " + tab.base.getAuthority()
                        + "\r\nCookie: JSESSIONID=" + tab.sessionCookie().orElseThrow().getValue()
                        + "\r\nConnection: close\r\n\r";
                socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
                socket.getOutputStream().flush();
                sockets.add(socket);
            }
            List<String> heads = AtOnce.run(tabs.size(), i -> {
                OutputStream out = sockets.get(i).getOutputStream();
                out.write('\n');
                out.flush();
                InputStream in = sockets.get(i).getInputStream();
                String answer = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
                return answer.substring(0, Math.max(0, answer.indexOf("\r\n\r\n")));
            });
            for (int i = 0; i < tabs.size(); i++) {
                List<String> setCookies = heads.get(i).lines()
                        .filter(line -> line.regionMatches(true, 0, "Set-Cookie:", 0, 11))
                        .map(line -> line.substring(11).trim()).toList();
                tabs.get(i).cookies.put(tabs.get(i).uri(path), Map.of("Set-Cookie", setCookies));
            }
        } finally {
            for (Socket socket : sockets) {
                socket.close();
            }
        }
    }
}
