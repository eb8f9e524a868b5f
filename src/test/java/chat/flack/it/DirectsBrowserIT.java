package chat.flack.it;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Direct conversations on the chat page in real Chromium (issue 13, item 2; PROTOCOL.md,
 * "Direct conversations" and "Page hooks"): opened from the people list or by name, listed in
 * `.direct-list` for its two people only, used like a channel, remembered across a reload, and
 * in the phone drawer.
 */
class DirectsBrowserIT extends ServerIT {

    @Test
    void twoPeopleTalkInADirectConversationThatNobodyElseSees() {
        String channel = channelFromServer();
        try (Browser a = Browser.open(base); Browser b = Browser.open(base); Browser c = Browser.open(base)) {
            String ann = a.loginFresh("Ann");
            String bob = b.loginFresh("Bob");
            c.loginFresh("Cy");
            for (Browser x : List.of(a, b, c)) {
                x.join(channel);
                assertThat(directs(x)).as("nobody has a conversation yet").isEmpty();
                assertThat(x.find("#no-directs").isDisplayed()).isTrue();
            }
            a.waitUntil(d -> { // nobody writes to themselves
                WebElement self = personButton(a, ann);
                return self != null && !self.isEnabled();
            });

            // Ann opens it from the people list: she is in it, Bob sees it listed.
            a.click(d -> personButton(a, bob));
            a.waitUntil(d -> bob.equals(a.find("#channel-title").getText()) && a.find("#message").isEnabled());
            assertThat(directs(a)).containsExactly(bob);
            assertThat(activeDirect(a)).isEqualTo(bob);
            assertThat(a.findAll(".channel-list button.active")).as("no channel is open meanwhile").isEmpty();
            String direct = a.find(".direct-list button.active").getDomAttribute("data-channel");
            assertThat(direct).startsWith("@");
            assertThat(a.localStorage()).containsEntry("retrieve_channel", direct);
            assertThat(a.find("#message").getDomAttribute("placeholder")).startsWith("Message " + bob + " ");
            assertThat(a.driver.getTitle()).isEqualTo(bob + " — Flack");
            b.waitUntil(d -> directs(b).equals(List.of(ann)));
            assertThat(b.find("#no-directs").isDisplayed()).isFalse();
            assertThat(activeDirect(b)).as("Bob stays where he was").isNull();

            b.waitUntil(d -> directButton(b, ann)).click();
            b.waitUntil(d -> ann.equals(b.find("#channel-title").getText()) && b.find("#message").isEnabled());
            assertThat(b.localStorage()).containsEntry("retrieve_channel", direct);

            // Like a channel: messages both ways, typing, a reaction.
            a.say("just between us");
            b.waitForMessage("just between us");
            b.find("#message").sendKeys("agreed");
            a.waitForText("#typing", bob + " is typing…");
            b.find("#message").sendKeys(Keys.ENTER);
            a.waitForMessage("agreed");
            String id = b.idOf("just between us");
            b.find(Browser.message(id) + " button.react").click();
            b.waitUntil(d -> b.find(Browser.message(id) + " .picker button[data-emoji='👍']")).click();
            a.waitUntil(d -> !a.findAll(Browser.message(id) + " button.reaction[data-emoji='👍']").isEmpty());

            // The third person sees it nowhere: not as a conversation, not as a channel, not its words.
            c.say("meanwhile in public");
            c.waitForMessage("meanwhile in public");
            assertThat(directs(c)).isEmpty();
            assertThat(c.find("#no-directs").isDisplayed()).isTrue();
            assertThat(channelNames(c)).noneMatch(n -> n.startsWith("@")).contains(channel);
            assertThat(c.messages()).extracting(m -> m.get(2)).containsExactly("meanwhile in public");
            assertThat(c.find("body").getText()).doesNotContain("just between us", "agreed");

            // A reload opens the conversation again, its history with it.
            a.driver.navigate().refresh();
            a.waitUntil(d -> "connected".equals(a.connectionState()));
            a.waitUntil(d -> bob.equals(a.find("#channel-title").getText()) && a.find("#message").isEnabled());
            a.waitForMessage("agreed");
            assertThat(a.messages()).extracting(m -> m.get(2)).containsExactly("just between us", "agreed");
            assertThat(activeDirect(a)).isEqualTo(bob);
            assertThat(a.find("#chatarea > .history-start").getText())
                    .isEqualTo("This is the beginning of your conversation with " + bob + ".");

            // Opening it again from the people list is the same conversation, not a second one.
            b.click(d -> personButton(b, ann));
            b.waitUntil(d -> ann.equals(activeDirect(b)));
            assertThat(directs(b)).containsExactly(ann);
            assertThat(b.find(".direct-list button.active").getDomAttribute("data-channel")).isEqualTo(direct);
            for (Browser x : List.of(a, b, c)) {
                x.assertNoConsoleErrors();
            }
        }
    }

    @Test
    void newMessageByNameSaysWhyANameCannotBeWrittenToAndOpensAKnownOne() {
        try (Browser a = Browser.open(base); Browser b = Browser.open(base)) {
            String ann = a.loginFresh("Ann");
            String bob = b.loginFresh("Bob");
            WebElement input = a.find("#direct-name");
            assertThat(a.find("label[for='direct-name']").getText()).isEqualTo("New message to");
            assertThat(input.getDomAttribute("aria-describedby")).isEqualTo("direct-status");

            String nobody = unique("Nobody");
            input.sendKeys(nobody, Keys.ENTER); // the keyboard submits the form
            a.waitForText("#direct-status", "Nobody else is called " + nobody);
            assertThat(input.getDomAttribute("aria-invalid")).isEqualTo("true");
            assertThat(directs(a)).isEmpty();

            input.clear();
            input.sendKeys(ann, Keys.ENTER);
            a.waitForText("#direct-status", "Nobody else is called " + ann);

            input.clear();
            input.sendKeys("<b>bold</b>", Keys.ENTER);
            a.waitUntil(d -> {
                String said = a.find("#direct-status").getText();
                return !said.isBlank() && !said.contains("Nobody else"); // invalid-name, in the server's words
            });
            assertThat(a.findAll("#direct-status b")).as("the answer is text").isEmpty();

            input.clear();
            input.sendKeys(Keys.ENTER);
            a.waitForText("#direct-status", "Type the name");

            input.sendKeys("  " + bob.toLowerCase() + " ", Keys.ENTER);
            a.waitUntil(d -> bob.equals(a.find("#channel-title").getText()) && a.find("#message").isEnabled());
            assertThat(input.getDomProperty("value")).isEmpty();
            assertThat(a.find("#direct-status").getText()).isEmpty();
            assertThat(input.getDomAttribute("aria-invalid")).isNull();
            assertThat(directs(a)).containsExactly(bob);
            b.waitUntil(d -> directs(b).equals(List.of(ann)));
            a.assertNoConsoleErrors();
        }
    }

    @Test
    void onAPhoneTheConversationsAreInTheDrawerAndEveryStatePassesAxeInBothColourSchemes() {
        String channel = channelFromServer();
        try (Browser a = Browser.open(base); Browser b = Browser.open(base)) {
            String ada = a.loginFresh("Ada");
            String grace = b.loginFresh("Grace");
            a.join(channel);
            b.join(channel);
            b.click(d -> personButton(b, ada));
            b.waitUntil(d -> ada.equals(activeDirect(b)) && b.find("#message").isEnabled());
            b.say("Could you look at the release notes before lunch?");
            b.say("No rush @" + ada + ", whenever you can");
            a.waitUntil(d -> directButton(a, grace)).click();
            a.waitUntil(d -> grace.equals(activeDirect(a)) && a.find("#message").isEnabled());
            a.waitForMessage("No rush @" + ada + ", whenever you can");
            a.say("Sure, on it");
            b.waitForMessage("Sure, on it");
            String mention = a.idOf("No rush @" + ada + ", whenever you can");
            assertThat(a.find(Browser.message(mention) + " .mention.me").getText()).isEqualTo("@" + ada);
            a.join(channel); // back in the channel: the conversation is listed, not active
            assertThat(activeDirect(a)).isNull();

            for (String scheme : List.of("light", "dark")) {
                a.colorScheme(scheme);
                b.colorScheme(scheme);
                b.viewport(1280, 800, false);
                b.find("#message").click();
                NamePageBrowserIT.assertNoSeriousViolations(b);
                b.screenshot("directs-desktop-" + scheme);

                b.find("#direct-name").sendKeys(unique("Nobody"), Keys.ENTER);
                b.waitForText("#direct-status", "Nobody else is called");
                NamePageBrowserIT.assertNoSeriousViolations(b);
                b.screenshot("directs-new-message-error-" + scheme);
                b.find("#direct-name").clear();

                // On a phone: the drawer holds the conversations; choosing one closes it.
                a.viewport(390, 844, true);
                a.waitUntil(d -> a.find("#menu-button").isDisplayed());
                a.waitUntil(d -> (Long) a.js("return document.documentElement.scrollWidth") <= 390L);
                a.find("#menu-button").click();
                a.waitUntil(d -> a.find(".direct-list").isDisplayed()
                        && (Boolean) a.js("return getComputedStyle(document.getElementById('sidebar')).transform === 'none'"));
                assertThat((Boolean) a.js("""
                        const r = document.getElementById('direct-name').getBoundingClientRect();
                        return r.top >= 0 && r.bottom <= innerHeight;""")).as("New message in sight").isTrue();
                NamePageBrowserIT.assertNoSeriousViolations(a);
                a.screenshot("directs-phone-drawer-" + scheme);
                directButton(a, grace).click();
                a.waitUntil(d -> !a.find(".direct-list").isDisplayed());
                a.waitUntil(d -> grace.equals(a.find("#channel-title").getText()) && a.find("#message").isEnabled());
                assertThat((String) a.js("return document.activeElement.id")).isEqualTo("channel-title");
                a.waitForMessage("Sure, on it");
                NamePageBrowserIT.assertNoSeriousViolations(a);
                a.screenshot("directs-phone-" + scheme);

                a.find("#menu-button").click();
                a.waitUntil(d -> a.find(".direct-list").isDisplayed());
                assertThat((Boolean) a.js("return document.activeElement.matches('.direct-list button.active')"))
                        .as("the drawer opens on the open conversation").isTrue();
                a.driver.switchTo().activeElement().sendKeys(Keys.ESCAPE);
                a.waitUntil(d -> !a.find(".direct-list").isDisplayed());
                a.viewport(1280, 800, false);
                a.join(channel);
            }
            a.assertNoConsoleErrors();
            b.assertNoConsoleErrors();
        }
    }

    // ---- helpers ----




    @SuppressWarnings("unchecked")
    private static List<String> directs(Browser x) {
        return (List<String>) x.js("return [...document.querySelectorAll('.direct-list button')].map(b => b.textContent)");
    }

    @SuppressWarnings("unchecked")
    private static List<String> channelNames(Browser x) {
        return (List<String>) x.js("return [...document.querySelectorAll('.channel-list button')].map(b => b.textContent)");
    }

    /** The name on the active entry of the direct list, or null. */
    private static String activeDirect(Browser x) {
        return (String) x.js("return document.querySelector('.direct-list button.active')?.textContent ?? null");
    }

    private static WebElement directButton(Browser x, String name) {
        return (WebElement) x.js("return [...document.querySelectorAll('.direct-list button')]"
                + ".find(b => b.textContent === arguments[0]) || null", name);
    }

    private static WebElement personButton(Browser x, String name) {
        return x.driver.findElements(By.cssSelector(".people-list button")).stream()
                .filter(e -> name.equals(e.getText())).findFirst().orElse(null);
    }
}
