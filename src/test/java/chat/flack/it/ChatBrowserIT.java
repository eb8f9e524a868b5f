package chat.flack.it;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.Keys;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpCookie;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The chat page (/chat.html) in real Chromium: people talking to each other through it. */
class ChatBrowserIT extends ServerIT {

    @Test
    void twoPeopleSeeTheNewChannelAndEachOthersMessagesLiveInOrder() {
        String ann = unique("Ann");
        String bob = unique("Bob");
        String channel = unique("room");
        try (Browser a = Browser.open(base); Browser b = Browser.open(base)) {
            a.login(ann);
            b.login(bob);

            a.type("#channel-name", channel);
            a.waitUntil(d -> a.find("#create-channel").isEnabled());
            a.find("#create-channel").click();
            b.waitUntil(d -> b.channelButton(channel) != null); // no reload: the socket told the page
            a.join(channel);
            b.join(channel);

            a.say("hello from Ann");
            b.waitForMessage("hello from Ann");
            b.say("hi Ann, Bob here");
            a.waitForMessage("hi Ann, Bob here");
            a.say("third and last");
            b.waitForMessage("third and last");
            a.waitForMessage("third and last");

            List<List<String>> expected = List.of(
                    List.of(ann, "hello from Ann"), List.of(bob, "hi Ann, Bob here"), List.of(ann, "third and last"));
            for (Browser seen : List.of(a, b)) {
                List<List<String>> messages = seen.messages();
                assertThat(messages.stream().map(m -> List.of(m.get(1), m.get(2))).toList()).isEqualTo(expected);
                assertThat(messages.stream().map(m -> Long.parseLong(m.get(0))).toList()).isSorted()
                        .doesNotHaveDuplicates();
                assertThat(seen.find(".channel-list button.active").getText()).isEqualTo(channel);
            }
            a.assertNoConsoleErrors();
            b.assertNoConsoleErrors();
        }
    }

    @Test
    void markupInAMessageIsShownAsTextNotAsHtml() {
        String channel = channelFromServer();
        String payload = "<img src=x onerror=alert(1)> and <b>bold</b>";
        Client other = loggedIn();
        try (Browser b = Browser.open(base); Sock sock = other.socket()) {
            b.login(unique("Reader"));
            b.join(channel);
            b.say(payload);
            b.waitForMessage(payload);

            sock.join(channel);
            sock.say(channel, payload + " (from the socket)");
            b.waitForMessage(payload + " (from the socket)");

            assertThat(b.messages()).extracting(m -> m.get(2))
                    .containsExactly(payload, payload + " (from the socket)");
            assertThat(b.findAll("#chatarea b")).isEmpty();
            assertThat(b.findAll("#chatarea img")).isEmpty();
            assertThatThrownBy(() -> b.driver.switchTo().alert()).isInstanceOf(NoAlertPresentException.class);
            b.assertNoConsoleErrors();
        }
    }

    @Test
    void anImageSentByOnePersonAppearsForTheOther() throws IOException {
        String channel = channelFromServer();
        Path png = tinyPng();
        try (Browser a = Browser.open(base); Browser b = Browser.open(base)) {
            a.login(unique("Painter"));
            b.login(unique("Viewer"));
            a.join(channel);
            b.join(channel);

            a.find("#image").sendKeys(png.toAbsolutePath().toString());
            a.visible("#preview-img");
            a.find("#message").sendKeys("a picture");
            a.find("#send").click();

            b.waitUntil(d -> b.messages().stream().anyMatch(m -> m.get(3) != null));
            List<String> withImage = b.messages().stream().filter(m -> m.get(3) != null).findFirst().orElseThrow();
            assertThat(withImage.get(2)).isEqualTo("a picture");
            assertThat(withImage.get(3)).startsWith("/uploads/").endsWith(".png");
            WebElement img = b.find("#chatarea .message img");
            b.waitUntil(d -> ((Number) b.js("return arguments[0].complete && arguments[0].naturalWidth", img))
                    .intValue() == 16);

            img.click(); // opens the full-size view
            b.waitUntil(d -> (Boolean) b.js("return document.getElementById('viewer').open"));
            assertThat(b.find("#viewer-img").getDomAttribute("src")).isEqualTo(withImage.get(3));
            a.waitUntil(d -> a.messages().stream().anyMatch(m -> withImage.get(3).equals(m.get(3))));
            a.assertNoConsoleErrors();
            b.assertNoConsoleErrors();
        } finally {
            Files.deleteIfExists(png);
        }
    }

    @Test
    void aChannelNameInUseDisablesCreate() {
        String channel = channelFromServer();
        try (Browser b = Browser.open(base)) {
            b.login(unique("Maker"));
            b.type("#channel-name", channel.toUpperCase());
            b.waitForText("#channel-status", "exists already");
            assertThat(b.find("#create-channel").isEnabled()).isFalse();

            b.type("#channel-name", unique("fresh"));
            b.waitForText("#channel-status", "is free");
            assertThat(b.find("#create-channel").isEnabled()).isTrue();
            b.assertNoConsoleErrors();
        }
    }

    @Test
    void aReopenedBrowserReturnsToTheLastChannel() {
        String channel = channelFromServer();
        unusedChannelFromServer(); // another channel, so that returning to the right one means something
        Set<Cookie> cookies;
        Map<String, String> storage;
        try (Browser first = Browser.open(base)) {
            first.login(unique("Returner"));
            first.join(channel);
            first.say("said before the restart");
            first.waitForMessage("said before the restart");
            cookies = first.cookies();
            storage = first.localStorage();
        }
        assertThat(storage).containsEntry("retrieve_channel", channel);
        try (Browser again = Browser.open(base)) {
            again.restore(cookies, storage);
            again.go("/");
            again.waitUntil(d -> again.path().equals("/chat.html"));
            again.waitUntil(d -> again.channelButton(channel) != null
                    && again.channelButton(channel).getDomAttribute("class").contains("active"));
            again.waitForMessage("said before the restart");
            assertThat(again.findAll(".channel-list button.active")).hasSize(1);
            again.assertNoConsoleErrors();
        }
    }

    @Test
    void logoutReturnsToTheNamePageAndClearsStorage() {
        String channel = channelFromServer();
        String name = unique("Leaver");
        try (Browser b = Browser.open(base)) {
            b.login(name);
            b.join(channel);
            assertThat(b.storedItems()).isPositive();

            b.find("#logout").click();
            b.waitUntil(d -> b.path().equals("/"));
            b.visible("#displayname");
            assertThat(b.storedItems()).as("items left in localStorage and sessionStorage").isZero();

            b.go("/chat.html");
            b.waitUntil(d -> b.path().equals("/"));
            assertThat(client().get("/checkdispname?name=" + name).body()).contains("\"available\":true");
            b.assertNoConsoleErrors();
        }
    }

    @Test
    void aMessageTypedWhileDisconnectedIsDeliveredOnceAfterReconnecting() {
        String channel = channelFromServer();
        String text = "typed while the network was gone";
        try (Browser b = Browser.open(base)) {
            b.trackSockets();
            b.login(unique("Traveller"));
            b.join(channel);
            b.say("before the cut");
            b.waitForMessage("before the cut");

            b.network(false);
            b.cutSockets();
            b.waitUntil(d -> !"connected".equals(b.connectionState()));
            b.waitForText("#connection", "lost");

            b.say(text);
            b.waitForText("#outbox", text);
            assertThat(b.messages()).extracting(m -> m.get(2)).doesNotContain(text);

            b.network(true);
            b.waitUntil(d -> "connected".equals(b.connectionState()));
            b.waitForMessage(text);
            b.waitUntil(d -> b.findAll("#outbox .outbox-item").isEmpty());
            assertThat(b.messages()).extracting(m -> m.get(2)).containsOnlyOnce(text);
        }
        try (Sock observer = loggedIn().socket()) {
            JsonObject history = observer.join(channel);
            List<String> texts = history.getJsonArray("messages").getValuesAs(JsonValue::asJsonObject).stream()
                    .map(m -> m.getString("text")).toList();
            assertThat(texts).as("what the server stored").containsExactly("before the cut", text);
        }
    }

    @Test
    void chatPageHasNoSeriousAccessibilityViolations() {
        String channel = channelFromServer();
        try (Browser b = Browser.open(base)) {
            b.login(unique("Checker"));
            b.join(channel);
            b.say("a message, so the list is not empty");
            b.waitForMessage("a message, so the list is not empty");
            NamePageBrowserIT.assertNoSeriousViolations(b);
            b.assertNoConsoleErrors();
        }
    }

    @Test
    void chatPageScreenshotsAtDesktopAndPhoneWidths() throws IOException {
        String channel = channelFromServer();
        unusedChannelFromServer();
        Client friend = client();
        String friendName = friend.login(unique("Grace"));
        Path png = png(320, 180);
        try (Browser b = Browser.open(base); Sock sock = friend.socket()) {
            b.viewport(1280, 800, false);
            b.login(unique("Ada"));
            b.join(channel);
            sock.join(channel);
            sock.say(channel, "Morning! Has anyone seen the build dashboard today?");
            b.waitForMessage("Morning! Has anyone seen the build dashboard today?");
            b.find("#message").sendKeys("Yes — green since last night.", Keys.chord(Keys.SHIFT, Keys.ENTER),
                    "I'll post a picture.", Keys.ENTER);
            b.waitForMessage("Yes — green since last night.\nI'll post a picture.");
            b.find("#image").sendKeys(png.toAbsolutePath().toString());
            b.find("#send").click();
            b.waitUntil(d -> b.messages().stream().anyMatch(m -> m.get(3) != null));
            sock.say(channel, "Thanks, " + friendName.split("-")[0] + " says hi to <everyone>.");
            b.waitUntil(d -> b.messages().size() == 4);

            b.find("#message").click(); // keyboard focus in the composer, the pointer off the messages
            assertThat(b.screenshot("chat-desktop")).isNotEmptyFile();

            b.viewport(390, 844, true);
            b.driver.navigate().refresh(); // lay the page out afresh, as a phone would load it
            b.waitUntil(d -> b.messages().size() == 4);
            String where = """
                    const list = document.querySelector('.channel-list').getBoundingClientRect();
                    const active = document.querySelector('.channel-list .active').getBoundingClientRect();
                    return [active.left >= list.left - 1 && active.right <= list.right + 1,
                            JSON.stringify({list, active, scrollLeft: document.querySelector('.channel-list').scrollLeft})];""";
            try {
                b.waitUntil(d -> (Boolean) ((List<?>) b.js(where)).get(0));
            } catch (org.openqa.selenium.TimeoutException e) {
                throw new AssertionError("the open channel is not in sight: " + ((List<?>) b.js(where)).get(1), e);
            }
            assertThat(b.find("#message").isDisplayed()).isTrue();
            assertThat(b.find("#send").isDisplayed()).isTrue();
            assertThat((Long) b.js("return document.documentElement.scrollWidth")).as("no sideways scrolling")
                    .isLessThanOrEqualTo(390L);
            assertThat(b.screenshot("chat-phone")).isNotEmptyFile();

            b.colorScheme("dark");
            assertThat(b.screenshot("chat-phone-dark")).isNotEmptyFile();
            b.assertNoConsoleErrors();
        } finally {
            Files.deleteIfExists(png);
        }
    }

    @Test
    void scrollingToTheTopLoadsOlderMessagesAndNewOnesShowAMarker() {
        String channel = channelFromServer();
        int total = 120; // more than one history (100) holds
        fillChannel(channel, total);
        Client friend = loggedIn();
        try (Browser b = Browser.open(base); Sock sock = friend.socket()) {
            b.login(unique("Historian"));
            b.join(channel);
            b.waitUntil(d -> b.messages().size() == 100);
            assertThat(b.messages().get(99).get(2)).isEqualTo(line(total));

            b.js("document.getElementById('chatarea').scrollTop = 0");
            b.waitUntil(d -> b.messages().size() == total);
            List<String> texts = b.messages().stream().map(m -> m.get(2)).toList();
            assertThat(texts).isEqualTo(java.util.stream.IntStream.rangeClosed(1, total).mapToObj(ChatBrowserIT::line)
                    .toList());
            assertThat(b.messages().stream().map(m -> Long.parseLong(m.get(0))).toList()).isSorted();
            b.js("document.getElementById('chatarea').scrollTop = 0");
            b.waitForText("#chatarea > .history-start", "beginning");

            // The reader is up at the top: a new message must not pull the view away.
            sock.join(channel);
            sock.say(channel, "a new one while you read");
            b.waitForMessage("a new one while you read");
            b.visible("#new-messages");
            assertThat((Long) b.js("return document.getElementById('chatarea').scrollTop")).isLessThan(100L);
            b.find("#new-messages").click();
            b.waitUntil(d -> !b.find("#new-messages").isDisplayed());
            b.waitUntil(d -> (Boolean) b.js("""
                    const a = document.getElementById('chatarea');
                    return a.scrollHeight - a.scrollTop - a.clientHeight < 48;"""));
            b.assertNoConsoleErrors();
        }
    }

    @Test
    void aLogoutElsewhereSendsThePageBackToTheNamePage() {
        try (Browser b = Browser.open(base)) {
            b.login(unique("Twin"));
            Cookie session = b.driver.manage().getCookieNamed("JSESSIONID");
            Client elsewhere = client();
            HttpCookie copy = new HttpCookie("JSESSIONID", session.getValue());
            copy.setPath("/");
            copy.setVersion(0);
            elsewhere.cookies.getCookieStore().add(elsewhere.base, copy);
            assertThat(elsewhere.postForm("/logout", Map.of(), false).statusCode()).isEqualTo(303);

            b.waitUntil(d -> b.path().equals("/")); // the server closed the socket with 1008
            b.visible("#displayname");
        }
    }

    @Test
    void aFileThatIsNotAnImageIsRefusedNextToTheComposer() throws IOException {
        String channel = channelFromServer();
        Path fake = Files.createTempFile("flack-not-an-image-", ".png");
        Files.writeString(fake, "just some text pretending to be a picture");
        try (Browser b = Browser.open(base)) {
            b.login(unique("Trickster"));
            b.join(channel);
            b.find("#image").sendKeys(fake.toAbsolutePath().toString());
            b.find("#message").sendKeys("look at this");
            b.find("#send").click();

            b.waitForText("#composer-status", "Only PNG, JPEG, GIF and WebP");
            assertThat(b.find("#message").getDomProperty("value")).as("the words are kept").isEqualTo("look at this");
            assertThat(b.messages()).isEmpty();
        } finally {
            Files.deleteIfExists(fake);
        }
    }

    @Test
    void aHiddenTabCountsUnreadMessagesInItsTitle() {
        String channel = channelFromServer();
        Client friend = loggedIn();
        try (Browser b = Browser.open(base); Sock sock = friend.socket()) {
            b.login(unique("Away"));
            b.join(channel);
            b.waitUntil(d -> b.driver.getTitle().equals("#" + channel + " — Flack"));
            String chatTab = b.driver.getWindowHandle();

            b.driver.switchTo().newWindow(WindowType.TAB); // the chat tab goes to the background
            sock.join(channel);
            sock.say(channel, "one");
            sock.say(channel, "two");
            b.waitUntil(d -> b.tabTitles().contains("(2) #" + channel + " — Flack"));

            b.driver.close();
            b.driver.switchTo().window(chatTab);
            b.waitUntil(d -> b.driver.getTitle().equals("#" + channel + " — Flack"));
        }
    }

    private static String line(int n) {
        return String.format("line %03d", n);
    }

    /** Puts {@code count} messages "line 001".. into {@code channel}, a few users each so no rate limit bites. */
    private void fillChannel(String channel, int count) {
        int perUser = 15;
        for (int first = 1; first <= count; first += perUser) {
            int last = Math.min(count, first + perUser - 1);
            try (Sock sock = loggedIn().socket()) {
                sock.join(channel);
                for (int n = first; n <= last; n++) {
                    sock.say(channel, line(n), "fill-" + n);
                }
                String end = line(last);
                sock.await(f -> f.getString("type").equals("message")
                        && f.getJsonObject("message").getString("text").equals(end), end);
            }
        }
    }

    private void unusedChannelFromServer() {
        channelFromServer();
    }

    /** A valid 16x16 PNG made here, so the test needs no file of its own. */
    static Path tinyPng() {
        return png(16, 16);
    }

    /** A PNG of a small bar chart, {@code width} x {@code height}. */
    static Path png(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(0xeef1f8));
        g.fillRect(0, 0, width, height);
        Color[] bars = {new Color(0x3552c8), new Color(0x1d6b3a), new Color(0x3552c8), new Color(0xb3261e)};
        int bw = Math.max(1, width / (2 * bars.length + 1));
        for (int i = 0; i < bars.length; i++) {
            int h = height * (3 + (i * 5) % 7) / 10;
            g.setColor(bars[i]);
            g.fillRect(bw + i * 2 * bw, height - h, bw, h);
        }
        g.dispose();
        try {
            Path file = Files.createTempFile("flack-", ".png");
            ImageIO.write(image, "png", file.toFile());
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
