package chat.flack.it;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.Keys;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The chat page's finish (issue 14) in real Chromium: images that keep the view at the bottom,
 * runs of one author under one header, day separators, links, the beginning of the history,
 * a name's earlier holder, the composer's attach button, paste and drop, the full-screen image
 * viewer, and on a phone the channel drawer and the new-channel dialog.
 */
class PagePolishBrowserIT extends ServerIT {

    /** Whether the newest message is wholly inside #chatarea, once the images in sight have loaded. */
    private static final String NEWEST_IN_VIEW = """
            const area = document.getElementById('chatarea');
            const all = area.querySelectorAll('.message');
            if (all.length === 0) return [false, 'no messages'];
            const newest = all[all.length - 1];
            const a = area.getBoundingClientRect();
            const inSight = [...area.querySelectorAll('img')].filter(i => {
              const r = i.getBoundingClientRect();
              return r.bottom > a.top && r.top < a.bottom;
            });
            const loaded = inSight.every(i => i.complete && i.naturalWidth > 0);
            const r = newest.getBoundingClientRect();
            return [loaded && newest.dataset.id === arguments[0] && r.top >= a.top - 1 && r.bottom <= a.bottom + 1,
                    JSON.stringify({id: newest.dataset.id, want: arguments[0], top: r.top, bottom: r.bottom,
                                    areaTop: a.top, areaBottom: a.bottom, loaded})];""";

    @Test
    void imagesKeepTheNewestMessageInViewOnDesktopAndPhone() {
        String channel = channelFromServer();
        Client friend = client();
        String friendName = friend.login(unique("Grace"));
        try (Browser b = Browser.open(base); Sock sock = friend.socket()) {
            sock.join(channel);
            List<String> images = List.of(upload(friend, 640, 480), upload(friend, 300, 900), upload(friend, 800, 200));
            for (int i = 1; i <= 6; i++) {
                say(sock, channel, "Status update " + i + ": the build is still green.", null);
            }
            say(sock, channel, "The dashboard this morning:", images.get(0));
            say(sock, channel, "Latency over the week", images.get(1));
            String last = say(sock, channel, "", images.get(2));

            b.viewport(1280, 800, false);
            b.login(unique("Ada"));
            b.join(channel);
            assertNewestInView(b, last, "after joining at 1280 px");

            String fresh = say(sock, channel, "and one more, just in", images.get(0));
            assertNewestInView(b, fresh, "after an image arrived at 1280 px");
            for (String scheme : List.of("light", "dark")) {
                b.colorScheme(scheme);
                NamePageBrowserIT.assertNoSeriousViolations(b);
                assertThat(b.screenshot("polish-images-desktop-" + scheme)).isNotEmptyFile();
            }

            b.colorScheme("light");
            b.viewport(390, 844, true);
            b.driver.navigate().refresh();
            b.waitUntil(d -> "connected".equals(b.connectionState()));
            assertNewestInView(b, fresh, "after loading at 390 px");
            String onPhone = say(sock, channel, "seen on the phone? " + friendName, images.get(1));
            assertNewestInView(b, onPhone, "after an image arrived at 390 px");
            assertThat((Long) b.js("return document.documentElement.scrollWidth")).as("no sideways scrolling")
                    .isLessThanOrEqualTo(390L);
            for (String scheme : List.of("light", "dark")) {
                b.colorScheme(scheme);
                NamePageBrowserIT.assertNoSeriousViolations(b);
                assertThat(b.screenshot("polish-images-phone-" + scheme)).isNotEmptyFile();
            }
            b.assertNoConsoleErrors();
        }
    }

    @Test
    void runsDaysLinksTheBeginningAndAnEarlierHolderOfAName() {
        String channel = channelFromServer();
        String shared = unique("Sam");
        Client first = client();
        first.login(shared);
        try (Sock sock = first.socket()) {
            sock.join(channel);
            say(sock, channel, "I am the first Sam", null);
        }
        assertThat(first.postForm("/logout", Map.of(), false).statusCode()).isEqualTo(303);
        Client second = client();
        second.login(shared); // the name is free again: someone else takes it
        try (Browser b = Browser.open(base); Sock sock = second.socket()) {
            sock.join(channel);
            String firstOfRun = say(sock, channel, "I am Sam now", null);
            String grouped = say(sock, channel, "see https://example.org/docs, not javascript:alert(1)", null);
            say(sock, channel, "<b>still</b> me", null);

            b.viewport(1280, 800, false);
            b.login(unique("Reader"));
            b.join(channel);
            b.waitUntil(d -> b.messages().size() == 4);

            b.waitForText("#chatarea > .history-start", "This is the beginning of #" + channel);
            assertThat((Boolean) b.js("""
                    const area = document.getElementById('chatarea');
                    return area.firstElementChild.classList.contains('history-start')
                        && area.querySelector('.day-separator').textContent === 'Today'
                        && area.querySelector('.day-separator').nextElementSibling.classList.contains('message');"""))
                    .as("the beginning, then Today, then the messages").isTrue();

            // Only the earlier holder's message is marked, once the page knows who is online.
            b.waitUntil(d -> b.findAll("#chatarea .earlier-user").size() == 1);
            WebElement mark = b.find("#chatarea .earlier-user");
            assertThat(mark.findElement(org.openqa.selenium.By.xpath("ancestor::*[contains(@class,'message')]"))
                    .findElement(org.openqa.selenium.By.cssSelector(".text")).getText()).isEqualTo("I am the first Sam");
            assertThat(mark.getDomAttribute("title")).isEqualTo("Written by an earlier holder of this name");
            assertThat(mark.getDomAttribute("aria-label")).isEqualTo("Written by an earlier holder of this name");

            // One header for the run of the second Sam; each message keeps its hooks.
            @SuppressWarnings("unchecked")
            List<List<Object>> runs = (List<List<Object>>) b.js("""
                    return [...document.querySelectorAll('#chatarea .message')].map(m => [m.dataset.id,
                        m.classList.contains('grouped'), m.querySelector('.user').textContent,
                        !!m.querySelector('.text'), m.querySelector('time').getAttribute('datetime') !== null]);""");
            assertThat(runs).extracting(r -> r.get(1)).containsExactly(false, false, true, true);
            assertThat(runs).extracting(r -> r.get(2)).containsOnly(shared);
            assertThat(runs).extracting(r -> r.get(3)).containsOnly(true);
            assertThat(runs).extracting(r -> r.get(4)).containsOnly(true);
            assertThat(runs.get(1).get(0)).isEqualTo(firstOfRun);

            // Times in the viewer's locale, as Intl formats them.
            assertThat((Boolean) b.js("""
                    return [...document.querySelectorAll('#chatarea .message time')].every(t => t.textContent
                        === new Intl.DateTimeFormat(undefined, {timeStyle: 'short'}).format(new Date(t.dateTime)));"""))
                    .isTrue();

            // The address is a link; the javascript: text and the markup stay text.
            String links = "#chatarea .message[data-id='" + grouped + "'] a";
            assertThat(b.findAll(links)).hasSize(1);
            WebElement link = b.find(links);
            assertThat(link.getDomAttribute("href")).isEqualTo("https://example.org/docs");
            assertThat(link.getText()).isEqualTo("https://example.org/docs");
            assertThat(link.getDomAttribute("rel")).isEqualTo("noopener noreferrer");
            assertThat(link.getDomAttribute("target")).isEqualTo("_blank");
            assertThat(b.findAll("#chatarea b")).isEmpty();

            // The mark explains itself to the keyboard too.
            b.js("arguments[0].focus()", mark);
            assertThat((String) b.js("return getComputedStyle(arguments[0], '::after').content", mark))
                    .contains("earlier holder");

            b.find("#message").click();
            for (String scheme : List.of("light", "dark")) {
                b.colorScheme(scheme);
                assertThat((String) b.js("return getComputedStyle(document.getElementById('channel-name')).backgroundColor"))
                        .as("the new-channel input in " + scheme)
                        .isEqualTo(scheme.equals("light") ? "rgb(255, 255, 255)" : "rgb(26, 29, 41)");
                NamePageBrowserIT.assertNoSeriousViolations(b);
                assertThat(b.screenshot("polish-desktop-" + scheme)).isNotEmptyFile();
            }
            b.assertNoConsoleErrors();
        }
    }

    @Test
    void theComposerAttachesByButtonPasteOrDropAndThePreviewCanBeRemoved() {
        String channel = channelFromServer();
        try (Browser b = Browser.open(base)) {
            b.login(unique("Paster"));
            b.join(channel);
            assertThat(b.find(".attach-button").isDisplayed()).isTrue();
            assertThat((Boolean) b.js("const r = document.getElementById('image').getBoundingClientRect();"
                    + " return r.width <= 1 && r.height <= 1")).as("the bare file input is out of sight").isTrue();

            // Keyboard: Tab from the text box reaches the file input, and its button shows the focus.
            b.find("#message").click();
            b.find("#message").sendKeys(Keys.TAB);
            assertThat((String) b.js("return document.activeElement.id")).isEqualTo("image");
            assertThat((String) b.js("return getComputedStyle(document.querySelector('.attach-button')).outlineStyle"))
                    .isEqualTo("solid");

            withImageFile(b, """
                    const box = document.getElementById('message');
                    box.dispatchEvent(new ClipboardEvent('paste', {clipboardData: transfer('pasted.png'),
                        bubbles: true, cancelable: true}));""");
            b.visible("#preview-img");
            b.waitForText("#preview-name", "pasted.png");
            b.find("#remove-image").click();
            b.waitUntil(d -> !b.find("#preview").isDisplayed());
            assertThat((Long) b.js("return document.getElementById('image').files.length")).isZero();
            assertThat((String) b.js("return document.activeElement.id")).isEqualTo("image");

            withImageFile(b, """
                    const zone = document.querySelector('main');
                    const files = transfer('dropped.png');
                    zone.dispatchEvent(new DragEvent('dragover', {dataTransfer: files, bubbles: true, cancelable: true}));
                    zone.dispatchEvent(new DragEvent('drop', {dataTransfer: files, bubbles: true, cancelable: true}));""");
            b.waitForText("#preview-name", "dropped.png");
            b.find("#message").sendKeys("dropped in");
            b.find("#send").click();
            b.waitUntil(d -> b.messages().stream().anyMatch(m -> m.get(2).equals("dropped in") && m.get(3) != null));
            b.waitUntil(d -> !b.find("#preview").isDisplayed());
            b.assertNoConsoleErrors();
        }
    }

    /** Runs {@code script} in the page with transfer(name): a DataTransfer holding a small PNG made on a canvas. */
    private static void withImageFile(Browser b, String script) {
        Object outcome = b.driver.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                (async () => {""" + IMAGE_FILE + script + """
                })().then(() => done('ok'), (e) => done(String(e)));""");
        assertThat(outcome).isEqualTo("ok");
    }

    private static final String IMAGE_FILE = """
            const canvas = document.createElement('canvas');
            canvas.width = 40; canvas.height = 30;
            const g = canvas.getContext('2d'); g.fillStyle = '#3552c8'; g.fillRect(0, 0, 40, 30);
            const blob = await new Promise(done => canvas.toBlob(done, 'image/png'));
            const transfer = (name) => {
              const t = new DataTransfer();
              t.items.add(new File([blob], name, {type: 'image/png'}));
              return t;
            };
            """;

    @Test
    void theImageViewerFillsTheScreenLinksTheOriginalAndClosesWithEscapeOrAClickOutside() {
        String channel = channelFromServer();
        Client friend = loggedIn();
        try (Browser b = Browser.open(base); Sock sock = friend.socket()) {
            sock.join(channel);
            String image = upload(friend, 640, 480);
            String id = say(sock, channel, "the chart", image);
            b.viewport(1280, 800, false);
            b.login(unique("Looker"));
            b.join(channel);
            WebElement img = b.visible("#chatarea .message[data-id='" + id + "'] img");
            b.waitUntil(d -> (Boolean) b.js("return arguments[0].complete && arguments[0].naturalWidth > 0", img));

            img.click();
            b.waitUntil(d -> viewerOpen(b));
            List<?> size = (List<?>) b.js("const r = document.getElementById('viewer').getBoundingClientRect();"
                    + " return [r.width, r.height, innerWidth, innerHeight].map(Math.round)");
            assertThat(size.subList(0, 2)).as("the viewer fills the window").isEqualTo(size.subList(2, 4));
            WebElement original = b.find("#viewer-original");
            assertThat(original.getDomAttribute("href")).isEqualTo(image);
            assertThat(original.getDomAttribute("target")).isEqualTo("_blank");
            assertThat(original.getDomAttribute("rel")).isEqualTo("noopener noreferrer");
            for (String scheme : List.of("light", "dark")) {
                b.colorScheme(scheme);
                NamePageBrowserIT.assertNoSeriousViolations(b);
                assertThat(b.screenshot("polish-viewer-" + scheme)).isNotEmptyFile();
            }

            b.driver.switchTo().activeElement().sendKeys(Keys.ESCAPE);
            b.waitUntil(d -> !viewerOpen(b));
            assertThat((Boolean) b.js("return document.activeElement.classList.contains('image-link')"))
                    .as("the focus is back on the image").isTrue();

            b.find("#chatarea .message[data-id='" + id + "'] img").click();
            b.waitUntil(d -> viewerOpen(b));
            new Actions(b.driver).moveToLocation(20, 780).click().perform(); // beside the image
            b.waitUntil(d -> !viewerOpen(b));
            b.assertNoConsoleErrors();
        }
    }

    @Test
    void onAPhoneTheChannelsAreADrawerAndNewChannelIsADialog() {
        List<String> many = manyChannels(24);
        try (Browser b = Browser.open(base)) {
            b.viewport(1280, 800, false);
            b.login(unique("Thumb"));
            b.waitUntil(d -> b.channelButton(many.get(many.size() - 1)) != null);
            assertThat((Boolean) b.js("const l = document.querySelector('.channel-list');"
                    + " return l.scrollHeight > l.clientHeight && getComputedStyle(l).overflowY === 'auto'"))
                    .as("a long channel list scrolls on the desktop").isTrue();
            assertThat(b.find("#channel-name").isDisplayed()).isTrue();
            assertThat(b.find("#new-channel").isDisplayed()).isFalse();
            assertThat(b.find("#menu-button").isDisplayed()).isFalse();

            b.viewport(390, 844, true);
            b.waitUntil(d -> b.find("#menu-button").isDisplayed());
            assertThat(b.find(".channel-list").isDisplayed()).as("the drawer starts closed").isFalse();

            WebElement menu = b.find("#menu-button");
            menu.click();
            b.waitUntil(d -> b.find(".channel-list").isDisplayed());
            assertThat(menu.getDomAttribute("aria-expanded")).isEqualTo("true");
            assertThat((Boolean) b.js("return document.getElementById('sidebar').contains(document.activeElement)"))
                    .as("the focus is in the drawer").isTrue();
            assertThat((Boolean) b.js("""
                    const l = document.querySelector('.channel-list');
                    const n = document.getElementById('new-channel').getBoundingClientRect();
                    return l.scrollHeight > l.clientHeight && n.bottom <= innerHeight && n.top >= 0;"""))
                    .as("the long list scrolls in the drawer, New channel stays in sight").isTrue();
            b.waitUntil(d -> (Boolean) b.js("return getComputedStyle(document.getElementById('sidebar')).transform === 'none'"));
            for (String scheme : List.of("light", "dark")) {
                b.colorScheme(scheme);
                NamePageBrowserIT.assertNoSeriousViolations(b);
                assertThat(b.screenshot("polish-phone-drawer-" + scheme)).isNotEmptyFile();
            }
            b.colorScheme("light");

            b.driver.switchTo().activeElement().sendKeys(Keys.ESCAPE);
            b.waitUntil(d -> !b.find(".channel-list").isDisplayed());
            assertThat((String) b.js("return document.activeElement.id")).isEqualTo("menu-button");
            assertThat(menu.getDomAttribute("aria-expanded")).isEqualTo("false");

            menu.click();
            b.visible("#drawer-overlay");
            new Actions(b.driver).moveToLocation(370, 420).click().perform(); // the overlay beside the drawer
            b.waitUntil(d -> !b.find(".channel-list").isDisplayed());

            menu.click();
            b.waitUntil(d -> b.find(".channel-list").isDisplayed());
            b.js("arguments[0].scrollIntoView({block: 'center'})", b.channelButton(many.get(3)));
            b.channelButton(many.get(3)).click();
            b.waitUntil(d -> !b.find(".channel-list").isDisplayed());
            b.waitUntil(d -> b.find("#channel-title").getText().equals("#" + many.get(3)));
            b.waitUntil(d -> b.find("#message").isEnabled());

            menu.click();
            b.visible("#new-channel").click();
            b.waitUntil(d -> (Boolean) b.js("return document.getElementById('create-dialog').open"));
            assertThat((String) b.js("return document.activeElement.id")).isEqualTo("channel-name");
            String fresh = unique("phone");
            b.find("#channel-name").sendKeys(fresh);
            b.waitUntil(d -> b.find("#create-channel").isEnabled());
            for (String scheme : List.of("light", "dark")) {
                b.colorScheme(scheme);
                NamePageBrowserIT.assertNoSeriousViolations(b);
                assertThat(b.screenshot("polish-phone-new-channel-" + scheme)).isNotEmptyFile();
            }
            b.find("#create-channel").click();
            b.waitUntil(d -> b.find("#channel-title").getText().equals("#" + fresh));
            assertThat((Boolean) b.js("return document.getElementById('create-dialog').open")).isFalse();
            assertThat(b.find(".channel-list").isDisplayed()).isFalse();
            assertThat((Long) b.js("return document.documentElement.scrollWidth")).isLessThanOrEqualTo(390L);
            b.assertNoConsoleErrors();
        }
    }

    // ---- helpers ----

    private static boolean viewerOpen(Browser b) {
        return (Boolean) b.js("return document.getElementById('viewer').open");
    }

    private static void assertNewestInView(Browser b, String id, String when) {
        try {
            b.waitUntil(d -> (Boolean) ((List<?>) b.js(NEWEST_IN_VIEW, id)).get(0));
        } catch (TimeoutException e) {
            throw new AssertionError("the newest message is not fully in view " + when + ": "
                    + ((List<?>) b.js(NEWEST_IN_VIEW, id)).get(1), e);
        }
    }

    /** Sends a message (with an image URL from /upload, or none) and returns its id once stored. */
    private static String say(Sock sock, String channel, String text, String image) {
        String clientId = "polish-" + System.nanoTime();
        var frame = Sock.frame("send").add("channel", channel).add("text", text).add("clientId", clientId);
        if (image != null) {
            frame.add("image", image);
        }
        sock.send(frame);
        JsonObject echo = sock.await(f -> f.getString("type").equals("message")
                && clientId.equals(f.getJsonObject("message").getString("clientId", null)), "the message " + text);
        return String.valueOf(echo.getJsonObject("message").getJsonNumber("id").longValue());
    }

    /** Uploads a PNG chart of {@code width} x {@code height} as {@code client}; returns its URL. */
    private static String upload(Client client, int width, int height) {
        Path png = ChatBrowserIT.png(width, height);
        try {
            HttpResponse<String> r = client.postMultipart("/upload", "image", "chart.png", "image/png", Files.readAllBytes(png));
            assertThat(r.statusCode()).as("upload: %s", r.body()).isEqualTo(201);
            return Json.createReader(new StringReader(r.body())).readObject().getString("url");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            png.toFile().delete();
        }
    }

    /** Creates {@code count} channels, five per user (the create budget), and returns their names. */
    private List<String> manyChannels(int count) {
        List<String> names = new ArrayList<>();
        while (names.size() < count) {
            try (Sock sock = loggedIn().socket()) {
                sock.await("channels");
                String last = null;
                for (int i = 0; i < 5 && names.size() < count; i++) {
                    last = unique("topic");
                    sock.create(last);
                    names.add(last);
                }
                String wanted = last;
                sock.await(f -> f.getString("type").equals("channels")
                        && f.getJsonArray("channels").toString().contains("\"" + wanted + "\""), "the channel " + wanted);
            }
        }
        return names;
    }
}
