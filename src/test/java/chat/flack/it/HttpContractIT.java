package chat.flack.it;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.net.HttpCookie;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Every HTTP row of PROTOCOL.md except uploads: names, login, logout, channel check, pages, health. */
class HttpContractIT extends ServerIT {

    static JsonObject json(HttpResponse<String> r) {
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        return Json.createReader(new StringReader(r.body())).readObject();
    }

    static void assertError(HttpResponse<String> r, int status, String code) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        JsonObject body = json(r);
        assertThat(body.getString("error")).isEqualTo(code);
        assertThat(body.getString("message")).isNotBlank();
    }

    private static String q(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @Test
    void freeNameIsAvailableAndComesBackNormalised() {
        String name = unique("Ann");
        HttpResponse<String> r = client().get("/checkdispname?name=" + q("  " + name.replace("-", "  ") + " "));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(json(r).getString("name")).isEqualTo(name.replace("-", " "));
        assertThat(json(r).getBoolean("available")).isTrue();
    }

    @Test
    void takenNameIsUnavailableInAnyCase() {
        Client a = client();
        String name = a.login(unique("Bob"));
        HttpResponse<String> r = client().get("/checkdispname?name=" + q(name.toUpperCase()));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(json(r).getBoolean("available")).isFalse();
    }

    @Test
    void invalidNamesAreRefusedByTheCheck() {
        for (String bad : List.of("", "   ", "a<b", "x".repeat(33), "tab\there", "semi;colon", "emoji😀")) {
            assertError(client().get("/checkdispname?name=" + q(bad)), 400, "invalid-name");
        }
        assertError(client().get("/checkdispname"), 400, "invalid-name");
    }

    @Test
    void namesInOtherScriptsAreAccepted() {
        for (String name : List.of("देवनागरी", "ภาษาไทย", "مرحبا", "Zoë.o_k-1")) {
            HttpResponse<String> r = client().get("/checkdispname?name=" + q(name));
            assertThat(r.statusCode()).as(name).isEqualTo(200);
        }
    }

    @Test
    void loginWithJsonAnswers201AndIssuesANewSessionId() {
        Client c = client();
        c.get("/");
        c.get("/checkdispname?name=x");
        String before = c.sessionCookie().map(java.net.HttpCookie::getValue).orElse(null);
        String name = unique("Cat");
        HttpResponse<String> r = c.postForm("/newuser", Map.of("displayname", name), true);
        assertThat(r.statusCode()).isEqualTo(201);
        assertThat(json(r).getString("user")).isEqualTo(name);
        String after = c.sessionCookie().orElseThrow().getValue();
        assertThat(after).isNotEqualTo(before);
    }

    @Test
    void aLoginWithASessionIdTheBrowserMadeUpGetsAFreshOneSoNoSessionCanBeFixed() {
        Client c = client();
        String planted = "0123456789ABCDEF0123456789ABCDEF";
        HttpCookie cookie = new HttpCookie("JSESSIONID", planted);
        cookie.setPath("/");
        cookie.setVersion(0);
        c.cookies.getCookieStore().add(c.base, cookie);
        HttpResponse<String> login = c.postForm("/newuser", Map.of("displayname", unique("Fix")), true);
        assertThat(login.statusCode()).isEqualTo(201);
        assertThat(login.headers().allValues("Set-Cookie")).as("the session cookie the login sets")
                .singleElement().asString().startsWith("JSESSIONID=").doesNotContain(planted);

        Client attacker = client();
        attacker.cookies.getCookieStore().add(attacker.base, cookie);
        assertThat(attacker.get("/checkchannel?name=x").statusCode()).as("the planted id logs nobody in").isEqualTo(401);
    }

    @Test
    void sessionCookieIsHttpOnlySameSiteLaxAndOutlivesTheBrowser() {
        Client c = client();
        HttpResponse<String> r = c.postForm("/newuser", Map.of("displayname", unique("Dan")), true);
        String cookie = r.headers().allValues("Set-Cookie").stream()
                .filter(h -> h.startsWith("JSESSIONID=")).findFirst().orElseThrow();
        assertThat(cookie).containsIgnoringCase("HttpOnly").containsIgnoringCase("SameSite=Lax")
                .containsIgnoringCase("Max-Age=");
    }

    @Test
    void loginFromAFormRedirectsToTheChat() {
        Client c = client();
        HttpResponse<String> r = c.postForm("/newuser", Map.of("displayname", unique("Eve")), false);
        assertThat(r.statusCode()).isEqualTo(303);
        assertThat(r.headers().firstValue("Location").orElseThrow()).endsWith("/chat.html");
        assertThat(c.get("/chat.html").statusCode()).isEqualTo(200);
    }

    @Test
    void loginWithMultipartFormWorks() {
        Client c = client();
        String name = unique("Fay");
        HttpResponse<String> r = c.postMultipart("/newuser", "displayname", null, null,
                name.getBytes(StandardCharsets.UTF_8));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        assertThat(json(r).getString("user")).isEqualTo(name);
    }

    @Test
    void takenNameIsRefusedWith409AndFormsAreSentBackWithTheReason() {
        String name = client().login(unique("Gus"));
        assertError(client().postForm("/newuser", Map.of("displayname", name.toLowerCase()), true), 409, "name-taken");
        HttpResponse<String> form = client().postForm("/newuser", Map.of("displayname", name), false);
        assertThat(form.statusCode()).isEqualTo(303);
        assertThat(form.headers().firstValue("Location").orElseThrow()).endsWith("/?error=name-taken");
    }

    @Test
    void invalidNameIsRefusedAtLogin() {
        assertError(client().postForm("/newuser", Map.of("displayname", "<script>"), true), 400, "invalid-name");
        assertError(client().postForm("/newuser", Map.of(), true), 400, "invalid-name");
        HttpResponse<String> form = client().postForm("/newuser", Map.of("displayname", ""), false);
        assertThat(form.headers().firstValue("Location").orElseThrow()).endsWith("/?error=invalid-name");
    }

    @Test
    void loggingInAgainReleasesTheOldName() {
        Client c = client();
        String first = c.login(unique("Hal"));
        c.login(unique("Hal2"));
        assertThat(json(client().get("/checkdispname?name=" + q(first))).getBoolean("available")).isTrue();
    }

    @Test
    void aRefusedLoginFromALoggedInSessionKeepsItsLoginAndName() {
        Client c = client();
        String mine = c.login(unique("Hub"));
        String theirs = client().login(unique("Hob"));
        assertError(c.postForm("/newuser", Map.of("displayname", theirs), true), 409, "name-taken");
        assertThat(json(client().get("/checkdispname?name=" + q(mine))).getBoolean("available"))
                .as("the session's own name is still taken").isFalse();
        assertThat(c.get("/checkchannel?name=x").statusCode()).as("the session is still logged in").isEqualTo(200);
        try (Sock s = c.socket()) {
            assertThat(s.await("channels").getString("type")).isEqualTo("channels");
        }
        assertThat(c.login(mine)).as("taking one's own name again").isEqualTo(mine);
    }

    @Test
    void logoutEndsTheSessionAndReleasesTheName() {
        Client c = client();
        String name = c.login(unique("Ivy"));
        HttpResponse<String> r = c.postForm("/logout", Map.of(), false);
        assertThat(r.statusCode()).isEqualTo(303);
        assertThat(r.headers().firstValue("Location").orElseThrow()).endsWith("/");
        assertThat(json(client().get("/checkdispname?name=" + q(name))).getBoolean("available")).isTrue();
        assertError(c.get("/checkchannel?name=x"), 401, "not-logged-in");
        assertThat(c.get("/chat.html").statusCode()).isIn(302, 303);
    }

    @Test
    void logoutByGetWorksToo() {
        Client c = client();
        String name = c.login(unique("Jon"));
        assertThat(c.get("/logout").statusCode()).isEqualTo(303);
        assertThat(json(client().get("/checkdispname?name=" + q(name))).getBoolean("available")).isTrue();
    }

    @Test
    void twoLogoutsOfOneLoginAtOnceBothAnswer303AndReleaseTheName() throws Exception {
        // A double click, or two tabs: whichever request ends the session first, the other finds it ended.
        for (int i = 0; i < 10; i++) {
            Client c = client();
            String name = c.login(unique("Dot"));
            List<Integer> statuses = AtOnce.run(2, t -> c.postForm("/logout", Map.of(), false).statusCode());
            assertThat(statuses).as("two logouts at once, round %d", i).containsOnly(303);
            assertThat(json(client().get("/checkdispname?name=" + q(name))).getBoolean("available")).isTrue();
        }
    }

    @Test
    void aLoginAndALogoutOfOneSessionAtOnceBothAnswerAndTheOldNameIsReleased() throws Exception {
        // Two tabs of one browser: whichever request ends or renews the session first, the other
        // still answers as usual, and the name the session held before is free in every order.
        for (int i = 0; i < 20; i++) {
            Client c = client();
            String old = c.login(unique("Eli"));
            String next = unique("Fay");
            List<Integer> statuses = AtOnce.run(2, t -> t == 0
                    ? c.postForm("/logout", Map.of(), false).statusCode()
                    : c.postForm("/newuser", Map.of("displayname", next), true).statusCode());
            assertThat(statuses).as("the logout and the login, round %d", i).containsExactly(303, 201);
            assertThat(json(client().get("/checkdispname?name=" + q(old))).getBoolean("available"))
                    .as("the old name free, round %d", i).isTrue();
        }
    }

    @Test
    void channelCheckNeedsALogin() {
        assertError(client().get("/checkchannel?name=general"), 401, "not-logged-in");
    }

    @Test
    void channelCheckAnswersForValidAndInvalidNames() {
        Client c = loggedIn();
        String channel = unique("room");
        HttpResponse<String> r = c.get("/checkchannel?name=" + q(channel));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(json(r).getString("name")).isEqualTo(channel);
        assertThat(json(r).getBoolean("available")).isTrue();
        assertError(c.get("/checkchannel?name=" + q("no/slash")), 400, "invalid-channel");
        assertError(c.get("/checkchannel?name=" + q("x".repeat(49))), 400, "invalid-channel");
        assertError(c.get("/checkchannel"), 400, "invalid-channel");
    }

    @Test
    void theNamePageRedirectsALoggedInBrowserToTheChat() {
        Client c = client();
        assertThat(c.get("/").statusCode()).isEqualTo(200);
        c.login(unique("Kim"));
        HttpResponse<String> r = c.get("/");
        assertThat(r.statusCode()).isIn(302, 303);
        assertThat(r.headers().firstValue("Location").orElseThrow()).endsWith("/chat.html");
    }

    @Test
    void theChatPageSendsAnonymousBrowsersToTheNamePage() {
        HttpResponse<String> r = client().get("/chat.html");
        assertThat(r.statusCode()).isIn(302, 303);
        assertThat(r.headers().firstValue("Location").orElseThrow()).endsWith("/");
    }

    @Test
    void healthIsUp() {
        HttpResponse<String> r = client().get("/health");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(json(r).getString("status")).isEqualTo("UP");
    }
}
