package chat.flack.it;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.WebElement;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Flack's several-nodes mode end to end, as people use it: two Tomcat nodes on one PostgreSQL,
 * one Redis relay (the test's own) and one shared upload folder, behind a real HAProxy on
 * loopback (round robin, {@code GET /health} checks, no stickiness, as docker/haproxy.cfg), and
 * two real Chromium browsers that only ever see the balancer's address. Proves that the two
 * browsers' sockets, spread over both nodes by round robin, chat as one: every message either
 * types reaches both pages exactly once and in one order; that an image uploaded through one
 * node and sent through the other shows and loads in both pages, and that every node serves it;
 * and that after {@code kill -9} of the node that holds one browser's socket, that page reconnects
 * through the balancer to the surviving node by itself, its outbox sends what was typed while the
 * socket was down, both pages still show every message once in one order, and the surviving node
 * serves the image the dead node stored, from the shared folder. The pages log no error.
 */
class LoadBalancedBrowserIT {

    /** Generous: the machine may be busy with other builds. */
    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final String OPEN = "flack_connections_open";
    /** Messages each browser types before the kill, and again after it. */
    private static final int EACH = 10;
    private static final int PLACEMENT_TRIES = 6;
    private static final int UPLOAD_TRIES = 4;

    @Test
    void twoBrowsersBehindHaproxyChatOnceInOneOrderAndShareImagesWhileTheNodeOfOneIsKilled() throws Exception {
        Browser.requireBrowser();
        HaproxyProcess.requireHaproxy();
        String pg = TestPostgres.url("LoadBalancedBrowserIT");
        String run = ServerIT.unique("lb");
        Path uploads = Files.createDirectories(TomcatProcess.dataDir(run + "-shared-uploads"));
        try (RedisProcess redis = new RedisProcess(run + "-redis");
             TomcatProcess a = new TomcatProcess(run + "-a", nodeEnv(run + "-a", pg, redis, uploads));
             TomcatProcess b = new TomcatProcess(run + "-b", nodeEnv(run + "-b", pg, redis, uploads));
             HaproxyProcess lb = new HaproxyProcess(run + "-haproxy", Map.of("a", a, "b", b))) {
            redis.start();
            a.launch();
            b.launch();
            a.awaitHealth(200);
            b.awaitHealth(200);
            lb.start();
            try (Browser ann = Browser.open(lb.url()); Browser bob = Browser.open(lb.url())) {
                new Chat(lb, Map.of("a", a, "b", b), ann, bob).run();
            }
        }
    }

    /** A node of two: its own data folder; the shared database, relay and upload folder; room for fast typists. */
    private static Map<String, String> nodeEnv(String name, String pg, RedisProcess redis, Path uploads) {
        Map<String, String> env = new HashMap<>();
        env.put("FLACK_DATA_DIR", TomcatProcess.dataDir(name).toString());
        env.put("FLACK_DB_URL", pg);
        env.put("FLACK_REDIS_URL", redis.url());
        env.put("UPLOAD_FOLDER", uploads.toString());
        env.put("FLACK_RATE_BURST", "200");
        env.put("FLACK_RATE_PER_SECOND", "100");
        return env;
    }

    /** The run itself, once everything is up. */
    private static final class Chat {
        private final HaproxyProcess lb;
        private final Map<String, TomcatProcess> nodes;
        private final Browser ann;
        private final Browser bob;
        /** Every text typed so far, each once (they are all different). */
        private final List<String> typed = new ArrayList<>();

        Chat(HaproxyProcess lb, Map<String, TomcatProcess> nodes, Browser ann, Browser bob) {
            this.lb = lb;
            this.nodes = nodes;
            this.ann = ann;
            this.bob = bob;
        }

        void run() throws Exception {
            String annNode = loginAlone(ann, ServerIT.unique("Ann"));
            String bobNode = other(annNode);
            loginOn(bob, ServerIT.unique("Bob"), bobNode);

            String channel = ServerIT.unique("Balanced");
            ann.type("#channel-name", channel);
            ann.waitUntil(d -> ann.find("#create-channel").isEnabled());
            ann.find("#create-channel").click();
            ann.join(channel);
            bob.join(channel);

            for (int i = 0; i < EACH; i++) {
                say(ann, "Ann before the kill " + i);
                say(bob, "Bob before the kill " + i);
            }
            awaitEveryMessageOnceInOneOrder("before the kill");

            Path png = ChatBrowserIT.tinyPng();
            String image;
            try {
                image = sendImageUploadedThroughTheOtherNode(annNode, png);
                for (TomcatProcess node : nodes.values()) {
                    HttpResponse<byte[]> r = new Client(node.url()).getBytes(image);
                    assertThat(r.statusCode()).as("GET %s straight from %s", image, node.url()).isEqualTo(200);
                    assertThat(r.body()).as("GET %s straight from %s", image, node.url())
                            .isEqualTo(Files.readAllBytes(png));
                }
            } finally {
                Files.deleteIfExists(png);
            }

            // Bob's tab is taken offline before his node dies, which leaves its open socket alone
            // but holds back the reconnect, so that what he types next is typed while his socket
            // is down, for certain; the network is back before the last ones.
            bob.network(false);
            nodes.get(bobNode).kill();
            bob.waitUntil(d -> !"connected".equals(bob.connectionState()));
            List<String> whileDown = new ArrayList<>();
            for (int i = 0; i < EACH / 2; i++) {
                say(ann, "Ann while Bob's node is down " + i);
                whileDown.add(say(bob, "Bob while his node is down " + i));
            }
            bob.waitUntil(d -> outbox(bob).equals(whileDown.stream()
                    .map(text -> List.of(text, "waiting for the connection")).toList()));
            assertThat(texts(bob)).as("Bob's page while his socket is down").doesNotContainAnyElementsOf(whileDown);
            bob.network(true);
            for (int i = EACH / 2; i < EACH; i++) {
                say(ann, "Ann after Bob's node died " + i);
                say(bob, "Bob after his node died " + i);
            }
            awaitEveryMessageOnceInOneOrder("after the kill");
            assertThat(outbox(bob)).as("Bob's outbox once all arrived").isEmpty();
            assertThat(lb.status().get(bobNode)).as("HAProxy's state of the killed node").startsWith("DOWN");
            TomcatProcess survivor = nodes.get(annNode);
            assertThat(openSockets(survivor))
                    .as("sockets open on the surviving node: Ann's, and Bob's reconnected one").isEqualTo(2);

            imageLoadsAfterReloadWithoutCache(bob, image, annNode);

            ann.assertNoConsoleErrors();
            bob.assertNoConsoleErrors();
        }

        /** Logs {@code browser} in while it is the only one and returns the node its socket landed on. */
        private String loginAlone(Browser browser, String name) {
            browser.login(name);
            await(name + "'s socket, the only one, open on a node").atMost(PATIENCE).pollInterval(POLL)
                    .until(() -> openSockets().values().stream().mapToInt(Integer::intValue).sum() == 1);
            return openSockets().entrySet().stream().filter(e -> e.getValue() == 1).findFirst().orElseThrow().getKey();
        }

        /**
         * Logs {@code browser} in and makes its socket land on {@code node}: round robin decides,
         * so while it lands on the other node the page is loaded again, every second time after a
         * request of the test's own through the balancer, which moves the round robin on by one
         * (a page load may take an even number of requests, which would land it in one place each time).
         */
        private void loginOn(Browser browser, String name, String node) {
            browser.login(name);
            for (int attempt = 1; ; attempt++) {
                await("both sockets open, one of them " + name + "'s").atMost(PATIENCE).pollInterval(POLL)
                        .until(() -> openSockets().values().stream().mapToInt(Integer::intValue).sum() == 2);
                if (openSockets().get(node) == 1) {
                    return;
                }
                assertThat(attempt).as("page loads of %s until round robin put its socket on node %s", name, node)
                        .isLessThan(PLACEMENT_TRIES);
                if (attempt % 2 == 0) {
                    assertThat(new Client(lb.url()).get("/health").statusCode()).isEqualTo(200);
                }
                browser.driver.navigate().refresh();
                browser.waitUntil(d -> "connected".equals(browser.connectionState()));
            }
        }

        /**
         * Ann sends an image with a caption until its upload went through the node that does
         * not hold her socket (round robin decides; each try is a message of its own), then
         * checks that both pages show and load it. Returns its URL.
         */
        private String sendImageUploadedThroughTheOtherNode(String annNode, Path png) throws Exception {
            for (int attempt = 1; ; attempt++) {
                int logged = lb.served().size();
                String caption = "a picture, try " + attempt;
                ann.find("#image").sendKeys(png.toAbsolutePath().toString());
                ann.visible("#preview-img");
                ann.find("#message").sendKeys(caption);
                ann.find("#send").click();
                typed.add(caption);
                awaitEveryMessageOnceInOneOrder("with the image of try " + attempt);
                String src = ann.messages().stream().filter(m -> m.get(2).equals(caption)).findFirst()
                        .orElseThrow().get(3);
                assertThat(src).as("the image of %s", caption).startsWith("/uploads/").endsWith(".png");
                for (Browser browser : List.of(ann, bob)) {
                    awaitImageLoaded(browser, src);
                }
                List<String> uploadedThrough = lb.served().subList(logged, lb.served().size()).stream()
                        .filter(s -> s.method().equals("POST") && s.path().equals("/upload"))
                        .map(HaproxyProcess.Served::node).toList();
                assertThat(uploadedThrough).as("the nodes that took the upload of %s", caption).hasSize(1);
                if (!uploadedThrough.get(0).equals(annNode)) {
                    return src;
                }
                assertThat(attempt).as("images sent until one was uploaded through the node without Ann's socket")
                        .isLessThan(UPLOAD_TRIES);
            }
        }

        /**
         * Loads the page again with the browser's cache off, so that the image is fetched anew,
         * and checks that it loads, served by {@code survivor}, the only node left.
         */
        private void imageLoadsAfterReloadWithoutCache(Browser browser, String src, String survivor) throws Exception {
            browser.driver.executeCdpCommand("Network.enable", Map.of());
            browser.driver.executeCdpCommand("Network.setCacheDisabled", Map.of("cacheDisabled", true));
            int logged = lb.served().size();
            browser.driver.navigate().refresh();
            browser.waitUntil(d -> "connected".equals(browser.connectionState()));
            awaitEveryMessageOnceInOneOrder("after Bob's page was loaded again");
            awaitImageLoaded(browser, src);
            assertThat(lb.served().subList(logged, lb.served().size()))
                    .as("what HAProxy logged while Bob's page loaded again")
                    .contains(new HaproxyProcess.Served(survivor, 200, "GET", src));
        }

        private String say(Browser browser, String text) {
            browser.say(text);
            typed.add(text);
            return text;
        }

        /** Both pages show every message typed so far, each once, and in the same order (of increasing ids). */
        private void awaitEveryMessageOnceInOneOrder(String when) {
            await("every message in both pages once, in one order, " + when).atMost(PATIENCE).pollInterval(POLL)
                    .untilAsserted(() -> {
                        List<List<String>> annSees = ann.messages();
                        List<List<String>> bobSees = bob.messages();
                        for (List<List<String>> seen : List.of(annSees, bobSees)) {
                            assertThat(seen.stream().map(m -> m.get(2)).toList())
                                    .as("the texts in a page, %s", when).containsExactlyInAnyOrderElementsOf(typed);
                            assertThat(seen.stream().map(m -> Long.parseLong(m.get(0))).toList())
                                    .as("the message ids in a page, %s", when).isSorted().doesNotHaveDuplicates();
                        }
                        assertThat(bobSees).as("Bob's page and Ann's page, %s", when).isEqualTo(annSees);
                    });
        }

        /** The image {@code src} in the page is loaded: complete, with its 16 pixels of width. */
        private static void awaitImageLoaded(Browser browser, String src) {
            browser.waitUntil(d -> {
                WebElement img = (WebElement) browser.js("return [...document.querySelectorAll('#chatarea .message img')]"
                        + ".find(i => i.getAttribute('src') === arguments[0]) || null", src);
                return img != null && ((Number) browser.js("return arguments[0].complete && arguments[0].naturalWidth",
                        img)).intValue() == 16;
            });
        }

        /** The page's outbox as [text, state] items, oldest first. */
        @SuppressWarnings("unchecked")
        private static List<List<String>> outbox(Browser browser) {
            return (List<List<String>>) browser.js("""
                    return [...document.querySelectorAll('#outbox .outbox-item')].map(item => [
                      item.querySelector('.outbox-text').textContent,
                      item.querySelector('.outbox-state').textContent]);""");
        }

        private static List<String> texts(Browser browser) {
            return browser.messages().stream().map(m -> m.get(2)).toList();
        }

        /** {@code flack_connections_open} of each node, by name. */
        private Map<String, Integer> openSockets() {
            Map<String, Integer> open = new HashMap<>();
            nodes.forEach((name, node) -> open.put(name, openSockets(node)));
            return open;
        }

        /** {@code flack_connections_open} of {@code node}. */
        private static int openSockets(TomcatProcess node) {
            return (int) Metrics.read(new Client(node.url()), OPEN);
        }

        private String other(String node) {
            return nodes.keySet().stream().filter(n -> !n.equals(node)).findFirst().orElseThrow();
        }
    }
}
