package chat.flack.it;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static chat.flack.it.Sock.frame;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Unread badges, the "New messages" divider, notifications and search on the chat page in
 * real Chromium (issue 13, items 4, 5 and 7; PROTOCOL.md, "Unread", `search` and "Page hooks").
 * The other person talks through the protocol ({@link Sock}); the viewer uses the page.
 */
class UnreadSearchBrowserIT extends ServerIT {

    @Test
    void badgesCountWhatOthersSayMarkMentionsAndClearOnOpeningWithADivider() {
        String here = channelFromServer();
        String there = channelFromServer();
        Client bobClient = client();
        String bob = bobClient.login(unique("Bob"));
        try (Browser a = Browser.open(base); Sock sock = bobClient.socket()) {
            String ann = loginAs(a, "Ann");
            a.join(there); // the read position starts at its newest message
            a.join(here);
            sock.join(there);
            sock.say(there, "first unread");
            sock.say(there, "second unread");
            a.waitUntil(d -> "2".equals(badge(a, there, "data-unread")));
            assertThat(badge(a, there, "text")).isEqualTo("2");
            assertThat(badge(a, there, "class")).isEqualTo("badge");
            sock.say(there, "look @" + ann);
            a.waitUntil(d -> "3".equals(badge(a, there, "data-unread")));
            assertThat(badge(a, there, "class")).isEqualTo("badge mention");
            assertThat(badge(a, here, "class")).as("the channel in view").isNull();
            assertThat((String) a.js("return document.getElementById(arguments[0].getAttribute('aria-describedby')).textContent",
                    a.channelButton(there))).isEqualTo("3 unread messages, mentioning you");

            // A direct message counts as a mention.
            sock.send(frame("direct").add("user", ann));
            JsonObject directs = sock.await("directs");
            String direct = directs.getJsonArray("directs").getJsonObject(0).getString("channel");
            sock.join(direct);
            sock.say(direct, "psst");
            a.waitUntil(d -> "1".equals(directBadge(a, bob, "data-unread")));
            assertThat(directBadge(a, bob, "class")).isEqualTo("badge mention");

            // Opening the channel: no badge, the divider above the first unread message, read sent.
            a.join(there);
            a.waitForMessage("look @" + ann);
            assertThat(badge(a, there, "class")).isNull();
            assertThat((String) a.js("""
                    const d = document.querySelector('#chatarea .unread-divider');
                    return d && d.nextElementSibling.querySelector('.text').textContent;""")).isEqualTo("first unread");
            assertThat(a.findAll("#chatarea .unread-divider")).hasSize(1);
            sock.join(there); // a connection is in one channel at a time
            sock.say(there, "while you watch");
            a.waitForMessage("while you watch");
            a.join(here);
            a.driver.navigate().refresh(); // the counts the server now has: ${there} was read to its end
            a.waitUntil(d -> "connected".equals(a.connectionState()) && ("#" + here).equals(a.find("#channel-title").getText()));
            a.waitUntil(d -> "1".equals(directBadge(a, bob, "data-unread")));
            assertThat(badge(a, there, "class")).isNull();
            a.assertNoConsoleErrors();
        }
    }

    @Test
    void searchHighlightsTheWordsAndOpensAnOldResultInItsChannelMarked() {
        String channel = channelFromServer();
        List<Client> senders = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            senders.add(loggedIn());
        }
        String word = "zq" + Long.toString(System.nanoTime(), 36); // found in this test's messages only
        List<Sock> socks = new ArrayList<>();
        try (Browser a = Browser.open(base)) {
            for (Client c : senders) {
                Sock s = c.socket();
                socks.add(s);
                s.join(channel);
            }
            say(socks.get(0), channel, "The " + word + " deploy is old news");
            say(socks.get(1), channel, "<b>bold</b> " + word + "ing, as text");
            for (int i = 0; i < 120; i++) { // at most 19 each with the two above: within every sender's burst of 20
                say(socks.get(i % socks.size()), channel, "filler " + word + "filler " + i);
            }
            loginAs(a, "Seeker");
            a.join(channel);
            a.waitForMessage("filler " + word + "filler 119");

            WebElement input = a.find("#search");
            assertThat(a.find("label[for='search']").getText()).isEqualTo("Search messages");
            input.sendKeys(Keys.ENTER);
            a.waitForText("#search-status", "Type a word");

            input.sendKeys(word + " deploy", Keys.ENTER);
            a.waitUntil(d -> a.findAll("#search-results .message").size() == 1);
            WebElement old = a.find("#search-results .message");
            assertThat(old.getDomAttribute("data-channel")).isEqualTo(channel);
            assertThat(marks(a)).containsExactly(word, "deploy");
            assertThat(old.getText()).contains("#" + channel, "The " + word + " deploy is old news");
            a.waitForText("#search-status", "1 message found");

            input.clear();
            input.sendKeys(word, Keys.ENTER); // the last word is a prefix: all 122
            a.waitUntil(d -> a.findAll("#search-results .message").size() == 20);
            assertThat(a.find("#search-more").isDisplayed()).isTrue();
            assertThat(marks(a)).allMatch(m -> m.toLowerCase().startsWith(word));
            a.find("#search-more").click();
            a.waitUntil(d -> a.findAll("#search-results .message").size() == 40);
            while (a.find("#search-more").isDisplayed()) {
                int before = a.findAll("#search-results .message").size();
                a.find("#search-more").click();
                a.waitUntil(d -> a.findAll("#search-results .message").size() > before);
            }
            assertThat(a.findAll("#search-results .message")).hasSize(122);
            assertThat(a.findAll("#search-results b")).as("the text is text").isEmpty();
            assertThat(a.find("#search-results").getText()).contains("<b>bold</b>");

            for (String scheme : List.of("light", "dark")) {
                a.colorScheme(scheme);
                NamePageBrowserIT.assertNoSeriousViolations(a);
                a.screenshot("unread-search-" + scheme);
            }
            a.colorScheme("light");

            // The oldest result is older than the first page of history: the page pages back to it.
            a.join(channelFromServer());
            WebElement oldest = a.findAll("#search-results .message").get(121);
            String id = oldest.getDomAttribute("data-id");
            oldest.sendKeys(Keys.ENTER);
            a.waitUntil(d -> !a.findAll("#chatarea .message.highlight[data-id='" + id + "']").isEmpty());
            assertThat(a.find("#channel-title").getText()).isEqualTo("#" + channel);
            assertThat(a.findAll("#chatarea .message.highlight")).hasSize(1);
            a.waitUntil(d -> inView(a, "#chatarea .message.highlight"));
            assertThat((String) a.js("return document.activeElement.dataset.id")).isEqualTo(id);
            a.screenshot("unread-highlight-light");
            a.assertNoConsoleErrors();
        } finally {
            socks.forEach(Sock::close);
        }
    }

    @Test
    void anOldResultOpensTheHistoryAroundItAndScrollingDownReachesTheNewestThenLiveMessages() {
        String channel = channelFromServer();
        String word = "zw" + Long.toString(System.nanoTime(), 36);
        int count = 230; // more than two pages of 100
        List<Sock> socks = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        try (Browser a = Browser.open(base)) {
            for (int i = 0; i < 12; i++) { // 20 each: within every sender's burst
                Sock s = loggedIn().socket();
                socks.add(s);
                s.join(channel);
            }
            for (int i = 0; i < count; i++) {
                String text = i == 3 ? "the " + word + " needle" : "hay " + i;
                say(socks.get(i % socks.size()), channel, text);
                texts.add(text);
            }
            loginAs(a, "Finder");
            a.join(channel);
            a.waitForMessage("hay " + (count - 1));

            a.find("#search").sendKeys(word, Keys.ENTER);
            a.waitUntil(d -> a.findAll("#search-results .message").size() == 1);
            String id = a.find("#search-results .message").getDomAttribute("data-id");
            a.find("#search-results .message").sendKeys(Keys.ENTER);
            a.waitUntil(d -> !a.findAll("#chatarea .message.highlight[data-id='" + id + "']").isEmpty());
            a.waitUntil(d -> inView(a, "#chatarea .message.highlight"));
            assertThat(a.findAll("#chatarea .message.highlight")).hasSize(1);
            assertThat(shownTexts(a)).as("the window around it, not the whole history")
                    .startsWith(texts.subList(0, 4).toArray(String[]::new))
                    .doesNotContain("hay " + (count - 1));

            // Said while the window is away from the newest: held, not put after a gap.
            Sock talker = socks.get(0);
            say(talker, channel, "said while you were away");
            a.waitUntil(d -> a.find("#new-messages").isDisplayed());
            assertThat(a.find("#new-messages").getText()).contains("Jump to newest");
            assertThat(shownTexts(a)).doesNotContain("said while you were away");

            // Scrolling down pages forward with `newer` until the newest, then the held message.
            a.waitUntil(d -> {
                a.js("const c = document.getElementById('chatarea'); c.scrollTop = c.scrollHeight;");
                return shownTexts(a).contains("said while you were away");
            });
            List<String> all = new ArrayList<>(texts);
            all.add("said while you were away");
            assertThat(shownTexts(a)).as("every message once, in order, no gap").containsExactlyElementsOf(all);
            a.waitUntil(d -> !a.find("#new-messages").isDisplayed());

            // At the bottom of what is now the live end, a new message comes into view.
            a.waitUntil(d -> {
                a.js("const c = document.getElementById('chatarea'); c.scrollTop = c.scrollHeight;");
                return inView(a, "#chatarea .message:last-of-type");
            });
            say(talker, channel, "live at the bottom");
            a.waitForMessage("live at the bottom");
            a.waitUntil(d -> inView(a, "#chatarea .message:last-of-type"));
            all.add("live at the bottom");
            assertThat(shownTexts(a)).containsExactlyElementsOf(all);
            a.assertNoConsoleErrors();
        } finally {
            socks.forEach(Sock::close);
        }
    }

    @Test
    void notificationsAfterTurningThemOnForMentionsAndDirectMessagesWhileHidden() {
        String channel = channelFromServer();
        Client bobClient = client();
        String bob = bobClient.login(unique("Bob"));
        try (Browser a = Browser.open(base); Sock sock = bobClient.socket()) {
            grantNotifications(a);
            String ann = loginAs(a, "Ann");
            a.join(channel);
            sock.join(channel);
            WebElement button = a.find("#notifications");
            assertThat(a.js("return Notification.permission")).as("granted through DevTools").isEqualTo("granted");
            assertThat(button.getDomAttribute("aria-pressed")).as("off until the button").isEqualTo("false");

            sock.say(channel, "@" + ann + " before they are on");
            a.waitForMessage("@" + ann + " before they are on");
            hidden(a, true);
            sock.say(channel, "@" + ann + " still off");
            a.waitForMessage("@" + ann + " still off");
            assertThat(notes(a)).isEmpty();
            hidden(a, false);

            button.click(); // granted already: no prompt
            a.waitUntil(d -> "true".equals(button.getDomAttribute("aria-pressed")));
            a.waitForText("#notify-status", "You are notified");

            hidden(a, true);
            sock.say(channel, "@" + ann + " ping");
            a.waitUntil(d -> shown(a) == 1);
            assertThat(notes(a).get(0)).containsEntry("title", bob + " mentioned you in #" + channel)
                    .containsEntry("body", "@" + ann + " ping");
            sock.say(channel, "no mention here");
            a.say("@" + ann + " a note to myself");
            a.waitForMessage("@" + ann + " a note to myself");
            sock.say(channel, "@" + ann + " again");
            a.waitUntil(d -> shown(a) == 2);
            assertThat(a.js("return document.visibilityState")).as("hidden all along").isEqualTo("hidden");
            assertThat(notes(a)).as("none for one's own message").extracting(n -> n.get("body"))
                    .containsExactly("@" + ann + " ping", "@" + ann + " again");

            // A direct message in a conversation not open: from the counts; clicking opens it.
            sock.send(frame("direct").add("user", ann));
            String direct = sock.await("directs").getJsonArray("directs").getJsonObject(0).getString("channel");
            sock.join(direct);
            sock.say(direct, "a private word");
            a.waitUntil(d -> shown(a) == 3);
            assertThat(notes(a).get(2)).containsEntry("title", bob + " wrote to you").containsEntry("tag", direct);
            // Headless Chromium shows a notification without a desktop to click it on: the
            // click is dispatched on the real Notification object, as the browser would.
            a.js("window.__notifications[2].notification.dispatchEvent(new Event('click'))");
            a.waitUntil(d -> bob.equals(a.find("#channel-title").getText()));
            a.waitForMessage("a private word");

            hidden(a, false);
            sock.say(direct, "seen as it comes");
            a.waitForMessage("seen as it comes");
            assertThat(notes(a)).as("none for the conversation in view while visible").hasSize(3);

            // On a phone, in both schemes: the drawer holds search, the badges and the button.
            a.join(channel);
            sock.say(direct, "one more");
            a.waitUntil(d -> "1".equals(directBadge(a, bob, "data-unread")));
            a.find("#search").sendKeys("ping", Keys.ENTER);
            a.waitUntil(d -> !a.findAll("#search-results .message").isEmpty());
            for (String scheme : List.of("light", "dark")) {
                a.colorScheme(scheme);
                NamePageBrowserIT.assertNoSeriousViolations(a);
                a.screenshot("unread-badges-" + scheme);
                a.viewport(390, 844, true);
                a.waitUntil(d -> a.find("#menu-button").isDisplayed());
                a.find("#menu-button").click();
                a.waitUntil(d -> a.find("#search").isDisplayed()
                        && (Boolean) a.js("return getComputedStyle(document.getElementById('sidebar')).transform === 'none'"));
                assertThat((Long) a.js("return document.documentElement.scrollWidth")).isLessThanOrEqualTo(390L);
                NamePageBrowserIT.assertNoSeriousViolations(a);
                a.screenshot("unread-phone-drawer-" + scheme);
                a.find("#search-results .message").click();
                a.waitUntil(d -> !a.find("#search").isDisplayed());
                a.waitUntil(d -> !a.findAll("#chatarea .message.highlight").isEmpty());
                a.viewport(1280, 800, false);
            }
            a.assertNoConsoleErrors();
        }
    }

    // ---- helpers ----

    private static String loginAs(Browser x, String prefix) {
        String name = unique(prefix);
        x.login(name);
        x.waitForText("#current-user", name);
        return name;
    }

    /** Sends and waits for the echo, so that every message is stored before the next. */
    private static void say(Sock sock, String channel, String text) {
        sock.say(channel, text);
        sock.await(f -> "message".equals(f.getString("type"))
                && text.equals(f.getJsonObject("message").getString("text")), "the echo of " + text);
    }

    /** An attribute ("text" for the text) of the badge of a channel, or null without one. */
    private static String badge(Browser x, String channel, String what) {
        return (String) x.js("""
                const li = [...document.querySelectorAll('.channel-list li')].find(l => l.querySelector('button').textContent === arguments[0]);
                const b = li && li.querySelector('.badge');
                return b ? (arguments[1] === 'text' ? b.textContent : b.getAttribute(arguments[1])) : null;""", channel, what);
    }

    private static String directBadge(Browser x, String name, String what) {
        return (String) x.js("""
                const li = [...document.querySelectorAll('.direct-list li')].find(l => l.querySelector('button').textContent === arguments[0]);
                const b = li && li.querySelector('.badge');
                return b ? b.getAttribute(arguments[1]) : null;""", name, what);
    }

    /** The texts of the messages in #chatarea, in page order. */
    private static List<String> shownTexts(Browser x) {
        return x.messages().stream().map(m -> m.get(2)).toList();
    }

    @SuppressWarnings("unchecked")
    private static List<String> marks(Browser x) {
        return (List<String>) x.js("return [...document.querySelectorAll('#search-results mark')].map(m => m.textContent)");
    }

    private static boolean inView(Browser x, String css) {
        return (Boolean) x.js("""
                const r = document.querySelector(arguments[0]).getBoundingClientRect();
                const area = document.getElementById('chatarea').getBoundingClientRect();
                return r.top >= area.top && r.bottom <= area.bottom;""", css);
    }

    /**
     * Grants notifications to the server's origin for real, through the DevTools protocol, and
     * records the notifications the page shows. The page keeps the browser's own Notification;
     * the script only observes: each notification the page listens to (it listens for a click on
     * every one) is recorded, with a listener for the browser's {@code show} event on it.
     */
    private void grantNotifications(Browser x) {
        x.driver.executeCdpCommand("Browser.grantPermissions", Map.of(
                "origin", base.getProtocol() + "://" + base.getAuthority(), "permissions", List.of("notifications")));
        x.driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", """
                (() => {
                  window.__notifications = [];
                  const listen = EventTarget.prototype.addEventListener;
                  Notification.prototype.addEventListener = function (...args) {
                    if (!window.__notifications.some((r) => r.notification === this)) {
                      const record = { notification: this, shown: false };
                      window.__notifications.push(record);
                      listen.call(this, 'show', () => { record.shown = true; });
                    }
                    return listen.apply(this, args);
                  };
                })();"""));
    }

    /** Hides the tab for real (its window minimised: {@code visibilityState} is "hidden") or shows it again. */
    private static void hidden(Browser x, boolean hidden) {
        Map<String, Object> window = x.driver.executeCdpCommand("Browser.getWindowForTarget", Map.of());
        x.driver.executeCdpCommand("Browser.setWindowBounds", Map.of("windowId", window.get("windowId"),
                "bounds", Map.of("windowState", hidden ? "minimized" : "normal")));
        String state = hidden ? "hidden" : "visible";
        x.waitUntil(d -> state.equals(x.js("return document.visibilityState")));
    }

    /** How many of the page's notifications the browser has shown. */
    private static long shown(Browser x) {
        return (Long) x.js("return window.__notifications.filter(r => r.shown).length");
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, String>> notes(Browser x) {
        return (List<Map<String, String>>) x.js("return window.__notifications.map(r => r.notification)"
                + ".map(n => ({title: n.title, body: n.body, tag: n.tag}))");
    }
}
