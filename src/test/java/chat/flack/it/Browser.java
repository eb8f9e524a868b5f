package chat.flack.it;

import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.bidi.log.LogLevel;
import org.openqa.selenium.bidi.module.LogInspector;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One real headless Chromium driven by Selenium, with what the browser tests need around it:
 * a fresh profile, the console errors the page logged, waiting, screenshots and a network switch.
 * When Chromium or ChromeDriver is missing the calling test is skipped, except on CI
 * ({@code CI=true}), where a missing browser is a failure.
 */
final class Browser implements AutoCloseable {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Duration WAIT = Duration.ofSeconds(15);
    static final Path SCREENSHOTS = Path.of("target", "screenshots");

    final ChromeDriver driver;
    private final String base;
    private final Path profile;
    private final List<String> consoleErrors = new CopyOnWriteArrayList<>();
    private final LogInspector logs;

    private Browser(URL base) {
        requireBrowser();
        this.base = base.toString().replaceAll("/+$", "");
        try {
            profile = Files.createTempDirectory("flack-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-extensions", "--no-first-run", "--window-size=1280,800",
                "--user-data-dir=" + profile);
        options.enableBiDi();
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        driver = new ChromeDriver(service, options);
        logs = new LogInspector(driver);
        logs.onConsoleEntry(entry -> {
            if (entry.getLevel() == LogLevel.ERROR) {
                consoleErrors.add("console: " + entry.getText());
            }
        });
        logs.onJavaScriptException(entry -> consoleErrors.add("exception: " + entry.getText()));
    }

    /** Starts a browser, or skips the test (fails it on CI) when none is installed. */
    static Browser open(URL base) {
        return new Browser(base);
    }

    static void requireBrowser() {
        List<String> missing = new ArrayList<>();
        if (!Files.isExecutable(CHROMIUM)) {
            missing.add(CHROMIUM.toString());
        }
        if (!Files.isExecutable(CHROMEDRIVER)) {
            missing.add(CHROMEDRIVER.toString());
        }
        if (missing.isEmpty()) {
            return;
        }
        String message = "Browser tests need " + String.join(" and ", missing)
                + "; install them with: apt-get install chromium chromium-driver";
        Missing.skipOrFail(message);
    }

    String url(String path) {
        return base + path;
    }

    void go(String path) {
        driver.get(url(path));
    }

    String path() {
        return (String) js("return location.pathname + location.search");
    }

    Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    WebElement find(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    List<WebElement> findAll(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    <T> T waitUntil(ExpectedCondition<T> condition) {
        // The pages re-render parts of themselves as frames arrive; an element that went stale
        // between finding and reading it is simply looked up again.
        return new WebDriverWait(driver, WAIT, Duration.ofMillis(100))
                .ignoring(StaleElementReferenceException.class)
                .until(condition);
    }

    /**
     * Waits until {@code target} finds an element and clicks it: one that a re-render replaced
     * between finding and clicking (so the click did not happen) is looked up again.
     */
    void click(ExpectedCondition<WebElement> target) {
        waitUntil(d -> {
            WebElement e = target.apply(d);
            if (e == null) {
                return false;
            }
            e.click();
            return true;
        });
    }

    /** Waits until {@code css} matches a visible element and returns it. */
    WebElement visible(String css) {
        return waitUntil(d -> {
            WebElement e = d.findElement(By.cssSelector(css));
            return e.isDisplayed() ? e : null;
        });
    }

    /** Waits until the text of {@code css} contains {@code part}. */
    void waitForText(String css, String part) {
        waitUntil(d -> {
            List<WebElement> found = d.findElements(By.cssSelector(css));
            return !found.isEmpty() && found.get(0).getText().contains(part);
        });
    }

    void type(String css, String text) {
        WebElement input = find(css);
        input.clear();
        input.sendKeys(text);
    }

    /** Takes a display name through the name page and waits for the chat page. */
    void login(String name) {
        go("/");
        type("#displayname", name);
        waitUntil(d -> find("#login").isEnabled());
        find("#login").click();
        waitUntil(d -> path().equals("/chat.html"));
        waitUntil(d -> "connected".equals(find("#connection").getDomAttribute("data-state")));
    }

    /** Waits for {@code channel} in the channel list and opens it. */
    /** Logs in with a fresh name made from {@code prefix}; returns it once the page knows who it is. */
    String loginFresh(String prefix) {
        String name = ServerIT.unique(prefix);
        login(name);
        waitForText("#current-user", name);
        return name;
    }

    /** The selector of the message with that id in {@code #chatarea}. */
    static String message(String id) {
        return "#chatarea .message[data-id='" + id + "']";
    }

    /** The id of the message with that text, once it is shown. */
    String idOf(String text) {
        waitForMessage(text);
        return messages().stream().filter(m -> m.get(2).equals(text)).findFirst().orElseThrow().get(0);
    }

    void join(String channel) {
        waitUntil(d -> {
            WebElement button = channelButton(channel);
            if (button == null) {
                return false;
            }
            button.click();
            return true;
        });
        waitUntil(d -> {
            WebElement b = channelButton(channel);
            return b != null && b.getDomAttribute("class").contains("active");
        });
        waitUntil(d -> find("#message").isEnabled());
    }

    WebElement channelButton(String channel) {
        return (WebElement) js("return [...document.querySelectorAll('.channel-list button')]"
                + ".find(b => b.textContent === arguments[0]) || null", channel);
    }

    /** Types {@code text} into the composer and presses Enter. */
    void say(String text) {
        WebElement box = find("#message");
        box.sendKeys(text);
        box.sendKeys(org.openqa.selenium.Keys.ENTER);
    }

    /** The messages in #chatarea as [id, user, text, image src attribute], in page order. */
    @SuppressWarnings("unchecked")
    List<List<String>> messages() {
        return (List<List<String>>) js("""
                return [...document.querySelectorAll('#chatarea .message')].map(m => [
                  m.dataset.id,
                  m.querySelector('.user').textContent,
                  m.querySelector('.text').textContent,
                  m.querySelector('img') ? m.querySelector('img').getAttribute('src') : null]);""");
    }

    /** Waits until a message with exactly {@code text} is in #chatarea. */
    void waitForMessage(String text) {
        waitUntil(d -> messages().stream().anyMatch(m -> m.get(2).equals(text)));
    }

    String connectionState() {
        return find("#connection").getDomAttribute("data-state");
    }

    /**
     * Makes every page this browser loads from now on remember its WebSockets, so that
     * {@link #cutSockets()} can close them: network emulation blocks new connections but leaves
     * an open WebSocket alone. Test-only; the pages themselves expose nothing for it.
     */
    void trackSockets() {
        driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", """
                (() => {
                  const Native = window.WebSocket;
                  const sockets = [];
                  window.WebSocket = class extends Native {
                    constructor(...args) { super(...args); sockets.push(this); }
                  };
                  window.__cutSockets = () => sockets.splice(0).forEach(s => s.close(4000, 'cut by the test'));
                })();"""));
    }

    /** Closes the page's WebSockets, as a dropped connection would. Needs {@link #trackSockets()}. */
    void cutSockets() {
        js("window.__cutSockets()");
    }

    /** Cuts the network of this tab (new connections fail) or restores it, through the DevTools protocol. */
    void network(boolean online) {
        driver.executeCdpCommand("Network.enable", Map.of());
        driver.executeCdpCommand("Network.emulateNetworkConditions", Map.of(
                "offline", !online, "latency", 0, "downloadThroughput", -1, "uploadThroughput", -1));
    }

    /** Renders the page as a device {@code width} x {@code height} CSS pixels wide (0 = back to the window). */
    void viewport(int width, int height, boolean mobile) {
        if (width == 0) {
            driver.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
        } else {
            driver.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of(
                    "width", width, "height", height, "deviceScaleFactor", 1, "mobile", mobile));
        }
    }

    /** Emulates the user's colour-scheme preference ("light" or "dark"). */
    void colorScheme(String scheme) {
        driver.executeCdpCommand("Emulation.setEmulatedMedia", Map.of(
                "features", List.of(Map.of("name", "prefers-color-scheme", "value", scheme))));
    }

    Path screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Path target = SCREENSHOTS.resolve(name + ".png");
            File shot = driver.getScreenshotAs(OutputType.FILE);
            Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The titles of all open tabs, read without bringing any of them to the front. */
    @SuppressWarnings("unchecked")
    List<String> tabTitles() {
        Map<String, Object> targets = driver.executeCdpCommand("Target.getTargets", Map.of());
        return ((List<Map<String, Object>>) targets.get("targetInfos")).stream()
                .filter(t -> "page".equals(t.get("type")))
                .map(t -> String.valueOf(t.get("title")))
                .toList();
    }

    Set<Cookie> cookies() {
        return driver.manage().getCookies();
    }

    @SuppressWarnings("unchecked")
    Map<String, String> localStorage() {
        return (Map<String, String>) js("return Object.fromEntries(Object.entries(localStorage))");
    }

    long storedItems() {
        return (Long) js("return localStorage.length + sessionStorage.length");
    }

    /** Gives this (fresh) browser the cookies and localStorage of another one, as a restart would keep them. */
    void restore(Set<Cookie> cookies, Map<String, String> storage) {
        go("/favicon.svg"); // any page of the origin, so that its cookies and storage can be set
        for (Cookie c : cookies) {
            driver.manage().addCookie(new Cookie.Builder(c.getName(), c.getValue())
                    .path(c.getPath()).expiresOn(c.getExpiry()).isHttpOnly(c.isHttpOnly())
                    .isSecure(c.isSecure()).sameSite(c.getSameSite()).build());
        }
        js("for (const [k, v] of Object.entries(arguments[0])) localStorage.setItem(k, v)", storage);
    }

    List<String> consoleErrors() {
        return List.copyOf(consoleErrors);
    }

    /** Asserts that the pages logged no error and threw no exception so far. */
    void assertNoConsoleErrors() {
        assertThat(consoleErrors).as("errors logged by the page").isEmpty();
    }

    @Override
    public void close() {
        try {
            logs.close();
        } catch (RuntimeException ignored) {
            // the browser may already be gone
        }
        try {
            driver.quit();
        } finally {
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException ignored) {
                // a temp folder left behind is harmless
            }
        }
    }
}
