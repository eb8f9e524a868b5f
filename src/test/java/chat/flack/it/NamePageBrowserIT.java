package chat.flack.it;

import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The name page (/) in a real Chromium: the live name check, the login, and how it reads. */
class NamePageBrowserIT extends ServerIT {

    @Test
    void loginIsDisabledWhileTheNameIsEmptyOrInUse() {
        String taken = client().login(unique("Taken"));
        try (Browser b = Browser.open(base)) {
            b.go("/");
            assertThat(b.find("#login").isEnabled()).as("login with an empty name").isFalse();

            b.type("#displayname", taken.toUpperCase());
            b.waitForText("#name-status", "in use");
            assertThat(b.find("#login").isEnabled()).as("login with a name in use").isFalse();

            String free = unique("Free");
            b.type("#displayname", free);
            b.waitForText("#name-status", "is free");
            assertThat(b.find("#login").isEnabled()).isTrue();

            b.type("#displayname", "no <tags> here");
            b.waitForText("#name-status", "letters");
            assertThat(b.find("#login").isEnabled()).as("login with an invalid name").isFalse();
            b.assertNoConsoleErrors();
        }
    }

    @Test
    void aFreeNameLeadsToTheChatPageWithThatName() {
        String name = unique("Newcomer");
        try (Browser b = Browser.open(base)) {
            b.login(name);
            b.waitForText("#current-user", name);
            b.assertNoConsoleErrors();
        }
    }

    @Test
    void aNameTakenJustBeforeSubmittingShowsTheServersReason() {
        String name = unique("Racer");
        try (Browser b = Browser.open(base)) {
            b.go("/");
            b.type("#displayname", name);
            b.waitUntil(d -> b.find("#login").isEnabled());
            client().login(name); // somebody else is quicker
            b.find("#login").click();

            b.waitForText("#name-status", "already using");
            assertThat(b.path()).isEqualTo("/");
            assertThat(b.find("#displayname").getDomProperty("value")).isEqualTo(name);
            b.assertNoConsoleErrors();
        }
    }

    @Test
    void namePageHasNoSeriousAccessibilityViolations() {
        try (Browser b = Browser.open(base)) {
            b.go("/");
            b.type("#displayname", "bad<name");
            b.waitForText("#name-status", "letters");
            assertNoSeriousViolations(b);
        }
    }

    @Test
    void namePageScreenshotsAtDesktopAndPhoneWidths() {
        try (Browser b = Browser.open(base)) {
            b.viewport(1280, 800, false);
            b.go("/");
            b.type("#displayname", unique("Ada"));
            b.waitForText("#name-status", "is free");
            assertThat(b.screenshot("name-desktop")).isNotEmptyFile();

            b.viewport(390, 844, true);
            b.driver.navigate().refresh();
            b.type("#displayname", unique("Ada"));
            b.waitForText("#name-status", "is free");
            assertThat(b.find("#login").isDisplayed()).isTrue();
            assertThat((Long) b.js("return document.documentElement.scrollWidth")).as("no sideways scrolling")
                    .isLessThanOrEqualTo(390L);
            assertThat(b.screenshot("name-phone")).isNotEmptyFile();
            b.colorScheme("dark");
            assertThat(b.screenshot("name-phone-dark")).isNotEmptyFile();
            b.assertNoConsoleErrors();
        }
    }

    @Test
    void theConsoleCheckNoticesAnErrorThePageLogs() {
        // Keeps assertNoConsoleErrors() honest: the listener does hear the page.
        try (Browser b = Browser.open(base)) {
            b.go("/");
            b.js("console.error('deliberate test error')");
            b.waitUntil(d -> b.consoleErrors().stream().anyMatch(e -> e.contains("deliberate test error")));
        }
    }

    /** Runs axe-core in the page and fails on any violation of impact serious or critical. */
    static void assertNoSeriousViolations(Browser b) {
        List<Rule> violations = new AxeBuilder().analyze(b.driver).getViolations();
        List<String> serious = violations.stream()
                .filter(v -> "serious".equals(v.getImpact()) || "critical".equals(v.getImpact()))
                .map(v -> v.getId() + " (" + v.getImpact() + "): " + v.getHelp() + " at "
                        + v.getNodes().stream().map(n -> String.valueOf(n.getTarget())).toList())
                .toList();
        assertThat(serious).as("serious or critical accessibility violations").isEmpty();
    }
}
