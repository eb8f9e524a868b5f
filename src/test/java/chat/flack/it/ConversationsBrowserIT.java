package chat.flack.it;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Conversations on the chat page in real Chromium, two people at once: editing and deleting
 * one's own messages, reactions, mentions, who is typing and who is online (PROTOCOL.md,
 * "Conversations (beyond the seed)" and "Page hooks").
 */
class ConversationsBrowserIT extends ServerIT {

    @Test
    void oneEditsInPlaceAndDeletesAfterConfirmingAndTheOtherSeesBoth() {
        String channel = channelFromServer();
        try (Browser a = Browser.open(base); Browser b = Browser.open(base)) {
            a.login(unique("Ann"));
            b.login(unique("Bob"));
            a.join(channel);
            b.join(channel);
            a.say("first draft");
            b.waitForMessage("first draft");
            String id = a.idOf("first draft");

            WebElement edit = a.waitUntil(d -> button(a, id, "edit"));
            assertThat(button(a, id, "delete")).as("delete on one's own message").isNotNull();
            b.waitUntil(d -> button(b, id, "react") != null);
            assertThat(button(b, id, "edit")).as("edit on someone else's message").isNull();
            assertThat(button(b, id, "delete")).as("delete on someone else's message").isNull();

            // Escape leaves the text as it was and gives the focus back to the edit button.
            keyboard(a, edit, Keys.ENTER);
            WebElement box = a.waitUntil(d -> focused(a, "#chatarea .editor textarea"));
            box.sendKeys(" that I regret");
            box.sendKeys(Keys.ESCAPE);
            a.waitUntil(d -> a.findAll("#chatarea .editor").isEmpty());
            assertThat(textOf(a, id)).isEqualTo("first draft");
            assertThat((Boolean) a.js("return document.activeElement.matches('button.edit')")).isTrue();

            // Enter saves: the same message (same id, same place) has the new text, for both.
            a.driver.switchTo().activeElement().sendKeys(Keys.ENTER);
            box = a.waitUntil(d -> focused(a, "#chatarea .editor textarea"));
            box.sendKeys(Keys.chord(Keys.CONTROL, "a"), "final words", Keys.ENTER);
            b.waitUntil(d -> "final words".equals(textOf(b, id)));
            a.waitUntil(d -> "final words".equals(textOf(a, id)) && a.findAll("#chatarea .editor").isEmpty());
            for (Browser x : List.of(a, b)) {
                WebElement edited = x.find(Browser.message(id) + " .edited");
                assertThat(edited.getText()).isEqualTo("(edited)");
                assertThat(edited.getDomAttribute("title")).startsWith("Edited ");
                assertThat(x.messages()).hasSize(1);
            }

            // Delete asks first; Escape keeps the message.
            keyboard(a, button(a, id, "delete"), Keys.ENTER);
            a.waitUntil(d -> dialogOpen(a));
            a.driver.switchTo().activeElement().sendKeys(Keys.ESCAPE);
            a.waitUntil(d -> !dialogOpen(a));
            assertThat(textOf(a, id)).isEqualTo("final words");

            keyboard(a, button(a, id, "delete"), Keys.ENTER);
            a.waitUntil(d -> dialogOpen(a));
            a.driver.switchTo().activeElement().sendKeys(Keys.TAB); // from "Keep it" to "Delete"
            assertThat(a.driver.switchTo().activeElement().getText()).isEqualTo("Delete");
            a.driver.switchTo().activeElement().sendKeys(Keys.ENTER);
            for (Browser x : List.of(a, b)) {
                x.waitUntil(d -> classes(x, x.find(Browser.message(id))).contains("deleted"));
                assertThat(textOf(x, id)).isEqualTo("message deleted");
                assertThat(x.findAll(Browser.message(id) + " button")).as("no actions on a deleted message").isEmpty();
                x.assertNoConsoleErrors();
            }
        }
    }

    @Test
    void anEditMadeWhileTheOtherWasOfflineShowsAfterTheReconnect() {
        String channel = channelFromServer();
        try (Browser a = Browser.open(base); Browser b = Browser.open(base)) {
            b.trackSockets();
            a.login(unique("Ann"));
            b.login(unique("Bob"));
            a.join(channel);
            b.join(channel);
            a.say("the meeting is at 3");
            b.waitForMessage("the meeting is at 3");
            String id = a.idOf("the meeting is at 3");

            b.network(false);
            b.cutSockets();
            b.waitUntil(d -> !"connected".equals(b.connectionState()));
            a.waitUntil(d -> button(a, id, "edit")).click();
            a.waitUntil(d -> focused(a, "#chatarea .editor textarea"))
                    .sendKeys(Keys.chord(Keys.CONTROL, "a"), "the meeting is at 4", Keys.ENTER);
            a.waitUntil(d -> "the meeting is at 4".equals(textOf(a, id)));
            assertThat(textOf(b, id)).as("the update went past the offline page").isEqualTo("the meeting is at 3");

            b.network(true);
            b.waitUntil(d -> "connected".equals(b.connectionState()));
            b.waitUntil(d -> "the meeting is at 4".equals(textOf(b, id)));
            assertThat(b.find(Browser.message(id) + " .edited").getText()).isEqualTo("(edited)");
            assertThat(b.messages()).hasSize(1);
            a.assertNoConsoleErrors();
        }
    }

    @Test
    void reactionsAreAddedWithThePickerAndToggledByEitherPerson() {
        String channel = channelFromServer();
        try (Browser a = Browser.open(base); Browser b = Browser.open(base)) {
            String ann = a.loginFresh("Ann");
            String bob = b.loginFresh("Bob");
            a.join(channel);
            b.join(channel);
            a.say("shall we ship it?");
            b.waitForMessage("shall we ship it?");
            String id = b.idOf("shall we ship it?");

            // Bob opens the picker with the keyboard; Escape closes it where it was opened.
            keyboard(b, b.waitUntil(d -> button(b, id, "react")), Keys.ENTER);
            b.waitUntil(d -> focused(b, Browser.message(id) + " .picker button"));
            assertThat(b.findAll(Browser.message(id) + " .picker button")).extracting(e -> e.getDomAttribute("data-emoji"))
                    .contains("👍", "❤️", "😂", "🎉", "👀", "✅");
            b.driver.switchTo().activeElement().sendKeys(Keys.ESCAPE);
            b.waitUntil(d -> b.findAll(Browser.message(id) + " .picker").isEmpty());
            assertThat((Boolean) b.js("return document.activeElement.matches('button.react')")).isTrue();

            // Enter opens it again; arrows move, Enter picks.
            b.driver.switchTo().activeElement().sendKeys(Keys.ENTER);
            b.waitUntil(d -> focused(b, Browser.message(id) + " .picker button"));
            b.driver.switchTo().activeElement().sendKeys(Keys.ARROW_RIGHT, Keys.ARROW_RIGHT, Keys.ARROW_RIGHT);
            b.driver.switchTo().activeElement().sendKeys(Keys.ENTER); // 🎉
            b.waitUntil(d -> b.findAll(Browser.message(id) + " .picker").isEmpty());
            a.waitUntil(d -> "1".equals(reaction(a, id, "🎉", "text")));
            b.waitUntil(d -> "1".equals(reaction(b, id, "🎉", "text")));
            assertThat(reaction(b, id, "🎉", "mine")).isEqualTo("true");
            assertThat(reaction(a, id, "🎉", "mine")).isEqualTo("false");
            assertThat(reaction(a, id, "🎉", "title")).contains(bob);
            assertThat(reaction(a, id, "🎉", "label")).contains(bob);

            // Ann adds hers by activating the reaction: two, and hers.
            a.find(Browser.message(id) + " button.reaction").click();
            b.waitUntil(d -> "2".equals(reaction(b, id, "🎉", "text")));
            a.waitUntil(d -> "2".equals(reaction(a, id, "🎉", "text")) && "true".equals(reaction(a, id, "🎉", "mine")));
            assertThat(reaction(b, id, "🎉", "title")).contains(ann);

            // Bob takes his back with the keyboard: one, Ann's.
            keyboard(b, b.find(Browser.message(id) + " button.reaction"), Keys.ENTER);
            a.waitUntil(d -> "1".equals(reaction(a, id, "🎉", "text")));
            b.waitUntil(d -> "1".equals(reaction(b, id, "🎉", "text")) && "false".equals(reaction(b, id, "🎉", "mine")));
            assertThat(reaction(a, id, "🎉", "mine")).isEqualTo("true");
            assertThat(reaction(b, id, "🎉", "title")).doesNotContain(bob);

            a.find(Browser.message(id) + " button.reaction").click();
            b.waitUntil(d -> b.findAll(Browser.message(id) + " button.reaction").isEmpty());
            a.assertNoConsoleErrors();
            b.assertNoConsoleErrors();
        }
    }

    @Test
    void anAtOffersWhoIsOnlineAndTheMentionedPersonSeesTheirNameMarked() {
        String channel = channelFromServer();
        try (Browser a = Browser.open(base); Browser b = Browser.open(base)) {
            String ann = a.loginFresh("Ann");
            b.loginFresh("Bob");
            a.join(channel);
            b.join(channel);
            b.waitUntil(d -> peopleOnline(b).contains(ann));

            WebElement box = b.find("#message");
            box.sendKeys("thanks @" + ann.substring(0, 3));
            b.visible("#mention-options");
            b.waitUntil(d -> b.findAll("#mention-options [role=option]").stream().anyMatch(o -> o.getText().equals(ann)));
            String selected = b.find("#mention-options [aria-selected=true]").getAttribute("id");
            assertThat(box.getDomAttribute("aria-activedescendant")).isEqualTo(selected);
            box.sendKeys(Keys.ESCAPE);
            b.waitUntil(d -> !b.find("#mention-options").isDisplayed());
            box.sendKeys(Keys.BACK_SPACE, ann.substring(2, 3)); // typing again opens it again
            b.visible("#mention-options");
            int options = b.findAll("#mention-options [role=option]").size();
            for (int i = 0; i < options && !b.find("#mention-options [aria-selected=true]").getText().equals(ann); i++) {
                box.sendKeys(Keys.ARROW_DOWN);
            }
            assertThat(b.find("#mention-options [aria-selected=true]").getText()).isEqualTo(ann);
            box.sendKeys(Keys.TAB);
            b.waitUntil(d -> !b.find("#mention-options").isDisplayed());
            assertThat(box.getDomProperty("value")).isEqualTo("thanks @" + ann + " ");
            box.sendKeys("for the review", Keys.ENTER);

            String text = "thanks @" + ann + " for the review";
            a.waitForMessage(text);
            b.waitForMessage(text);
            String id = a.idOf(text);
            WebElement mine = a.find(Browser.message(id) + " .text .mention");
            assertThat(mine.getText()).isEqualTo("@" + ann);
            assertThat(classes(a, mine)).containsExactlyInAnyOrder("mention", "me");
            WebElement theirs = b.find(Browser.message(id) + " .text .mention");
            assertThat(theirs.getText()).isEqualTo("@" + ann);
            assertThat(classes(b, theirs)).containsExactly("mention");
            a.assertNoConsoleErrors();
            b.assertNoConsoleErrors();
        }
    }

    @Test
    void theOtherSeesWhoIsTypingAndWhoLeaves() {
        String channel = channelFromServer();
        try (Browser a = Browser.open(base)) {
            String ann = a.loginFresh("Ann");
            a.join(channel);
            String bob;
            try (Browser b = Browser.open(base)) {
                bob = b.loginFresh("Bob");
                b.join(channel);
                a.waitUntil(d -> peopleOnline(a).contains(bob));
                b.waitUntil(d -> peopleOnline(b).containsAll(List.of(ann, bob)));

                b.find("#message").sendKeys("just a moment");
                a.waitForText("#typing", bob + " is typing…");
                assertThat(b.find("#typing").getText()).as("one's own typing is not shown").isEmpty();
                a.waitUntil(d -> a.find("#typing").getText().isEmpty()); // about 5 s later
                b.find("#message").sendKeys(Keys.ENTER);
                a.waitForMessage("just a moment");

                // Activating a person opens the direct conversation with them (DirectsBrowserIT has more).
                a.click(d -> personButton(a, bob));
                a.waitUntil(d -> a.find("#channel-title").getText().equals(bob) && a.find("#message").isEnabled());
            }
            new WebDriverWait(a.driver, Duration.ofSeconds(10), Duration.ofMillis(100))
                    .until(d -> !peopleOnline(a).contains(bob));
            assertThat(peopleOnline(a)).contains(ann);
            a.assertNoConsoleErrors();
        }
    }

    @Test
    void theConversationStatesPassAxeAndFitAPhoneInBothColourSchemes() {
        String channel = channelFromServer();
        try (Browser a = Browser.open(base); Browser b = Browser.open(base)) {
            String ann = a.loginFresh("Ada");
            String bob = b.loginFresh("Grace");
            a.join(channel);
            b.join(channel);
            b.say("Morning! The release notes are up for review.");
            a.waitForMessage("Morning! The release notes are up for review.");
            a.say("Looks good to me @" + bob + ", shipping after lunch");
            b.waitForMessage("Looks good to me @" + bob + ", shipping after lunch");
            a.say("typo in the title");
            a.say("teh title is fixed");
            b.waitForMessage("teh title is fixed");
            String notes = a.idOf("Morning! The release notes are up for review.");
            String typo = a.idOf("typo in the title");
            String fixed = a.idOf("teh title is fixed");

            a.waitUntil(d -> button(a, fixed, "edit")).click();
            a.waitUntil(d -> focused(a, "#chatarea .editor textarea"))
                    .sendKeys(Keys.chord(Keys.CONTROL, "a"), "the title is fixed", Keys.ENTER);
            b.waitUntil(d -> "the title is fixed".equals(textOf(b, fixed)));
            button(a, typo, "delete").click();
            a.waitUntil(d -> dialogOpen(a));
            a.find("#confirm-delete-yes").click();
            b.waitUntil(d -> "message deleted".equals(textOf(b, typo)));
            for (String emoji : List.of("🎉", "👀")) {
                button(b, notes, "react").click();
                b.waitUntil(d -> b.find(Browser.message(notes) + " .picker button[data-emoji='" + emoji + "']")).click();
                a.waitUntil(d -> reaction(a, notes, emoji, "text") != null);
            }
            a.find(Browser.message(notes) + " button.reaction[data-emoji='🎉']").click();
            b.waitUntil(d -> "2".equals(reaction(b, notes, "🎉", "text")));
            b.waitUntil(d -> b.find(Browser.message(notes) + " button.reaction.mine") != null
                    && peopleOnline(b).containsAll(List.of(ann, bob)));
            b.find("#message").click();

            for (String scheme : List.of("light", "dark")) {
                b.colorScheme(scheme);
                b.viewport(1280, 800, false);
                a.find("#message").sendKeys("one more thing");
                b.waitForText("#typing", ann + " is typing…");
                NamePageBrowserIT.assertNoSeriousViolations(b);
                b.screenshot("conversations-desktop-" + scheme);
                button(b, notes, "react").click();
                b.waitUntil(d -> focused(b, Browser.message(notes) + " .picker button"));
                NamePageBrowserIT.assertNoSeriousViolations(b);
                b.screenshot("conversations-picker-" + scheme);
                b.driver.switchTo().activeElement().sendKeys(Keys.ESCAPE);

                a.colorScheme(scheme);
                button(a, fixed, "delete").click();
                a.waitUntil(d -> dialogOpen(a));
                NamePageBrowserIT.assertNoSeriousViolations(a);
                a.screenshot("conversations-confirm-delete-" + scheme);
                a.driver.switchTo().activeElement().sendKeys(Keys.ESCAPE);
                a.waitUntil(d -> !dialogOpen(a));
                button(a, fixed, "edit").click();
                a.waitUntil(d -> focused(a, "#chatarea .editor textarea"));
                NamePageBrowserIT.assertNoSeriousViolations(a);
                a.screenshot("conversations-editing-" + scheme);
                a.driver.switchTo().activeElement().sendKeys(Keys.ESCAPE);
                a.find("#message").clear();
                a.find("#message").sendKeys("@" + bob.substring(0, 3));
                a.visible("#mention-options");
                NamePageBrowserIT.assertNoSeriousViolations(a);
                a.screenshot("conversations-mention-choices-" + scheme);
                a.find("#message").clear();

                b.viewport(390, 844, true);
                b.waitUntil(d -> (Long) b.js("return document.documentElement.scrollWidth") <= 390L);
                b.js("document.querySelector(arguments[0]).scrollIntoView({block: 'center'})", Browser.message(notes));
                assertThat(b.find(Browser.message(notes) + " button.react").isDisplayed()).isTrue();
                b.find("#menu-button").click(); // on a phone the people are in the drawer
                b.waitUntil(d -> b.find(".people-list").isDisplayed());
                b.driver.switchTo().activeElement().sendKeys(Keys.ESCAPE);
                b.waitUntil(d -> !b.find(".people-list").isDisplayed());
                NamePageBrowserIT.assertNoSeriousViolations(b);
                b.screenshot("conversations-phone-" + scheme);
            }
            a.assertNoConsoleErrors();
            b.assertNoConsoleErrors();
        }
    }

    // ---- helpers ----




    private static String textOf(Browser x, String id) {
        List<WebElement> found = x.findAll(Browser.message(id) + " .text");
        return found.isEmpty() ? null : found.get(0).getText();
    }

    /** The button of class {@code kind} in the message's actions, or null. */
    private static WebElement button(Browser x, String id, String kind) {
        List<WebElement> found = x.findAll(Browser.message(id) + " button." + kind);
        return found.isEmpty() ? null : found.get(0);
    }

    /** The element matching {@code css} when it has the focus, else null. */
    private static WebElement focused(Browser x, String css) {
        WebElement active = x.driver.switchTo().activeElement();
        return x.findAll(css).contains(active) ? active : null;
    }

    /** Focuses {@code element} and presses {@code key} on it, as someone using the keyboard does. */
    private static void keyboard(Browser x, WebElement element, CharSequence key) {
        x.js("arguments[0].focus()", element);
        element.sendKeys(key);
    }

    private static boolean dialogOpen(Browser x) {
        return (Boolean) x.js("return document.getElementById('confirm-delete').open");
    }

    /** What the reaction button of {@code emoji} shows: its text, whether it is "mine", its title or label. */
    private static String reaction(Browser x, String id, String emoji, String what) {
        return (String) x.js("""
                const b = [...document.querySelectorAll(arguments[0] + ' button.reaction')]
                    .find(e => e.dataset.emoji === arguments[1]);
                if (!b) return null;
                switch (arguments[2]) {
                  case 'text': return b.textContent;
                  case 'mine': return String(b.classList.contains('mine'));
                  case 'title': return b.title;
                  default: return b.getAttribute('aria-label');
                }""", Browser.message(id), emoji, what);
    }

    @SuppressWarnings("unchecked")
    private static List<String> classes(Browser x, WebElement element) {
        return (List<String>) x.js("return [...arguments[0].classList]", element);
    }

    @SuppressWarnings("unchecked")
    private static List<String> peopleOnline(Browser x) {
        return (List<String>) x.js("return [...document.querySelectorAll('.people-list button')].map(b => b.textContent)");
    }

    private static WebElement personButton(Browser x, String name) {
        return x.driver.findElements(By.cssSelector(".people-list button")).stream()
                .filter(e -> name.equals(e.getText())).findFirst().orElse(null);
    }
}
