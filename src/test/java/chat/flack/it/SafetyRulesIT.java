package chat.flack.it;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static chat.flack.it.HttpContractIT.assertError;
import static chat.flack.it.HttpContractIT.json;
import static chat.flack.it.Sock.frame;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

/**
 * The "Safety rules" of PROTOCOL.md and the per-request limits of "Client → server": every
 * hostile input a client can send, each in a test of its own, judged by what clients see.
 */
class SafetyRulesIT extends ServerIT {

    private static final String CYRILLIC_A = "\u0430";
    private static final String GREEK_OMICRON = "\u03bf";
    private static final String COMBINING_GRAPHEME_JOINER = "\u034f";
    private static final String ZERO_WIDTH_SPACE = "\u200b";
    private static final String HANGUL_FILLER = "\u3164";
    private static final String COMBINING_ACUTE = "\u0301";

    // ---- Every string is well-formed Unicode -------------------------------------------------

    @Test
    void aLoneSurrogateInTextIsABadRequestAndTheConnectionStaysUsable() {
        try (Sock s = loggedIn().socket()) {
            String channel = joinedNewChannel(s);
            s.send("{\"type\":\"send\",\"channel\":\"" + channel + "\",\"text\":\"x\\ud800y\"}");
            s.awaitError("bad-request", "send");
            assertOnlyThisIsStored(s, channel, "after the lone surrogate");
        }
    }

    @Test
    void aSendRefusedForALoneSurrogateReachesNoOtherMember() {
        try (Sock sender = loggedIn().socket(); Sock other = loggedIn().socket()) {
            String channel = joinedNewChannel(sender);
            other.join(channel);
            sender.send("{\"type\":\"send\",\"channel\":\"" + channel + "\",\"text\":\"x\\ud800y\"}");
            sender.awaitError("bad-request", "send");
            sender.say(channel, "the next one");
            assertThat(other.await("message").getJsonObject("message").getString("text")).isEqualTo("the next one");
            assertThat(other.isClosed()).as("the other member is still connected").isFalse();
            assertThat(texts(other.join(channel))).containsExactly("the next one");
        }
    }

    @Test
    void aLoneSurrogateInTheClientIdIsABadRequest() {
        try (Sock s = loggedIn().socket()) {
            String channel = joinedNewChannel(s);
            s.send("{\"type\":\"send\",\"channel\":\"" + channel + "\",\"text\":\"hidden\",\"clientId\":\"c\\ud800\"}");
            s.awaitError("bad-request", "send");
            assertOnlyThisIsStored(s, channel, "after the bad client id");
        }
    }

    @Test
    void aLoneSurrogateInANewChannelNameIsABadRequest() {
        try (Sock s = loggedIn().socket()) {
            s.await("channels");
            s.send("{\"type\":\"create\",\"channel\":\"room\\ud800x\"}");
            s.awaitError("bad-request", "create");
            createdChannel(s);
        }
    }

    @Test
    void aNulInTextIsABadRequest() {
        try (Sock s = loggedIn().socket()) {
            String channel = joinedNewChannel(s);
            s.send("{\"type\":\"send\",\"channel\":\"" + channel + "\",\"text\":\"a\\u0000b\"}");
            s.awaitError("bad-request", "send");
            assertOnlyThisIsStored(s, channel, "after the NUL");
        }
    }

    @Test
    void aTextOfOnlySpacesAndInvisibleCharactersIsInvalid() {
        try (Sock s = loggedIn().socket()) {
            String channel = joinedNewChannel(s);
            s.say(channel, "\u200b \u200b\u2060");
            s.awaitError("invalid-message", "send");
            assertOnlyThisIsStored(s, channel, "visible");
        }
    }

    // ---- Names cannot impersonate: display names -----------------------------------------------

    @Test
    void aCyrillicLookAlikeOfARegisteredNameIsTaken() {
        String base = client().login(unique("carol"));
        String lookAlike = base.replaceFirst("a", CYRILLIC_A);
        assertThat(json(client().get("/checkdispname?name=" + q(lookAlike))).getBoolean("available")).isFalse();
        assertError(signUp(client(), lookAlike), 409, "name-taken");
    }

    @Test
    void aNameWithACombiningGraphemeJoinerIsInvalid() {
        String base = client().login(unique("carol"));
        assertInvalidName(base + COMBINING_GRAPHEME_JOINER);
    }

    @Test
    void aNameOfOnlyAHangulFillerIsInvalid() {
        assertInvalidName(HANGUL_FILLER);
    }

    @Test
    void aNameWithAZeroWidthSpaceIsInvalid() {
        String base = client().login(unique("carol"));
        assertInvalidName(base + ZERO_WIDTH_SPACE);
    }

    @Test
    void aNameMustNotBeginWithPunctuation() {
        for (String first : List.of("_", "-", ".")) {
            assertInvalidName(first + unique("dot"));
        }
    }

    @Test
    void aNameMustNotBeginWithAMark() {
        assertInvalidName(COMBINING_ACUTE + unique("mark"));
    }

    @Test
    void aLatinNameWithOneGreekLetterIsInvalid() {
        String latin = unique("zed");
        assertInvalidName(latin.charAt(0) + GREEK_OMICRON + latin.substring(1));
    }

    @Test
    void singleScriptNamesInOtherScriptsWithDigitsAreAccepted() {
        for (String name : List.of("Ωμέγα" + digits(), "देवनागरी" + digits(), "ภาษาไทย" + digits())) {
            assertAccepted(name);
        }
    }

    @Test
    void latinWithHanAndHiraganaIsAccepted() {
        assertAccepted("田中たろう taro" + digits());
    }

    @Test
    void latinWithHanAndHangulIsAccepted() {
        assertAccepted("金민준 kim" + digits());
    }

    // ---- Names cannot impersonate: channel names ------------------------------------------------

    @Test
    void aCyrillicLookAlikeOfAnExistingChannelIsTaken() {
        Client other = loggedIn();
        try (Sock a = loggedIn().socket(); Sock b = other.socket()) {
            String channel = createdChannel(a);
            String lookAlike = channel.replaceFirst("a", CYRILLIC_A);
            b.create(lookAlike);
            b.awaitError("channel-taken", "create");
            assertThat(json(other.get("/checkchannel?name=" + q(lookAlike))).getBoolean("available")).isFalse();
        }
    }

    @Test
    void aChannelNameWithACombiningGraphemeJoinerIsInvalid() {
        Client c = loggedIn();
        String name = unique("chat") + COMBINING_GRAPHEME_JOINER;
        assertError(c.get("/checkchannel?name=" + q(name)), 400, "invalid-channel");
        try (Sock s = c.socket()) {
            s.create(name);
            s.awaitError("invalid-channel", "create");
        }
    }

    // ---- No cross-site state changes -------------------------------------------------------------

    @Test
    void aSignUpFromAForeignOriginIsForbiddenAndTakesNoName() {
        String name = unique("victim");
        assertError(signUp(client(), name, "Origin", "http://evil.example"), 403, "forbidden-origin");
        assertThat(available(name)).isTrue();
    }

    @Test
    void aSignUpFromTheSameHostOnAnotherPortIsForbidden() {
        String name = unique("victim");
        String otherPort = base.getProtocol() + "://" + base.getHost() + ":" + (base.getPort() == 65535 ? 1 : base.getPort() + 1);
        assertError(signUp(client(), name, "Origin", otherPort), 403, "forbidden-origin");
        assertThat(available(name)).isTrue();
    }

    @Test
    void aSignUpFromTheSameHostAndPortOverAnotherSchemeIsForbidden() {
        String name = unique("victim");
        assertError(signUp(client(), name, "Origin", "https://" + base.getAuthority()), 403, "forbidden-origin");
        assertThat(available(name)).isTrue();
    }

    @Test
    void aLogoutPostFromAForeignOriginIsForbiddenAndKeepsTheLogin() {
        Client c = loggedIn();
        assertError(logout(c, "POST", "Origin", "http://evil.example"), 403, "forbidden-origin");
        assertThat(c.get("/checkchannel?name=x").statusCode()).as("still logged in").isEqualTo(200);
    }

    @Test
    void aLogoutGetFromAForeignOriginIsForbiddenAndKeepsTheLogin() {
        Client c = loggedIn();
        assertError(logout(c, "GET", "Origin", "http://evil.example"), 403, "forbidden-origin");
        assertThat(c.get("/checkchannel?name=x").statusCode()).as("still logged in").isEqualTo(200);
    }

    @Test
    void aLogoutGetMarkedCrossSiteIsForbidden() {
        Client c = loggedIn();
        assertError(logout(c, "GET", "Sec-Fetch-Site", "cross-site"), 403, "forbidden-origin");
        assertThat(c.get("/checkchannel?name=x").statusCode()).as("still logged in").isEqualTo(200);
    }

    @Test
    void aLogoutGetMarkedSameSiteIsForbidden() {
        Client c = loggedIn();
        assertError(logout(c, "GET", "Sec-Fetch-Site", "same-site"), 403, "forbidden-origin");
        assertThat(c.get("/checkchannel?name=x").statusCode()).as("still logged in").isEqualTo(200);
    }

    @Test
    void aLogoutTypedIntoTheAddressBarHappens() {
        Client c = loggedIn();
        assertThat(logout(c, "GET", "Sec-Fetch-Site", "none").statusCode()).isEqualTo(303);
        assertThat(c.get("/checkchannel?name=x").statusCode()).as("logged out").isEqualTo(401);
    }

    @Test
    void aLogoutWithNeitherOriginNorFetchMetadataHappens() {
        Client c = loggedIn();
        assertThat(logout(c, "GET").statusCode()).isEqualTo(303);
        assertThat(c.get("/checkchannel?name=x").statusCode()).as("logged out").isEqualTo(401);
    }

    @Test
    void aLogoutFromThePagesOwnOriginHappens() {
        Client c = loggedIn();
        assertThat(logout(c, "POST", "Origin", origin(), "Sec-Fetch-Site", "same-origin").statusCode())
                .isEqualTo(303);
        assertThat(c.get("/checkchannel?name=x").statusCode()).as("logged out").isEqualTo(401);
    }

    @Test
    void anUploadFromAForeignOriginIsForbidden() {
        Client c = loggedIn();
        assertError(uploadWithHeaders(c, Images.of("png"), "Origin", "http://evil.example"), 403, "forbidden-origin");
    }

    @Test
    void aSocketHandshakeFromTheSameHostAndPortOverAnotherSchemeIsRefused() {
        Client c = loggedIn();
        Throwable t = catchThrowable(() -> Sock.handshake(c, "https://" + base.getAuthority(),
                new WebSocket.Listener() { }).get(10, TimeUnit.SECONDS));
        assertThat(t).as("the handshake was refused").isNotNull();
        assertThat(Sock.refusedStatus(t)).isEqualTo(403);
    }

    // ---- Pages cannot be framed ------------------------------------------------------------------

    @Test
    void theNamePageCannotBeFramed() {
        HttpResponse<String> r = client().get("/");
        assertThat(r.statusCode()).isEqualTo(200);
        assertNotFramable(r);
    }

    @Test
    void theChatPageCannotBeFramed() {
        HttpResponse<String> r = loggedIn().get("/chat.html");
        assertThat(r.statusCode()).isEqualTo(200);
        assertNotFramable(r);
    }

    // ---- Images are checked for size in pixels ----------------------------------------------------

    @Test
    void aPngClaimingTwentyThousandPixelsSquareIsNotAnImage() {
        assertError(upload(loggedIn(), "huge.png", HostileImages.png(20_000, 20_000)), 400, "not-an-image");
    }

    @Test
    void aPngWiderThanTenThousandPixelsIsNotAnImage() {
        assertError(upload(loggedIn(), "wide.png", HostileImages.png(10_001, 1)), 400, "not-an-image");
    }

    @Test
    void aPngOverFortyMillionPixelsIsNotAnImage() {
        assertError(upload(loggedIn(), "area.png", HostileImages.png(8_000, 5_001)), 400, "not-an-image");
    }

    @Test
    void aSmallPngIsAcceptedWithItsSizeInPixels() {
        HttpResponse<String> r = upload(loggedIn(), "small.png", realPng(3, 2));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        JsonObject body = json(r);
        assertThat(String.valueOf(body.get("width"))).as("width in %s", body).isEqualTo("3");
        assertThat(String.valueOf(body.get("height"))).as("height in %s", body).isEqualTo("2");
    }

    @Test
    void aJpegHeaderClaimingSixtyFiveThousandPixelsSquareIsNotAnImage() {
        byte[] jpeg = HostileImages.jpegHeader(65_500, 65_500);
        assertThat(jpeg).hasSize(41);
        assertError(upload(loggedIn(), "huge.jpg", jpeg), 400, "not-an-image");
    }

    @Test
    void aWebpWhoseBodyIsAScriptIsNotAnImage() {
        assertError(upload(loggedIn(), "fake.webp", HostileImages.webpWithScript()), 400, "not-an-image");
    }

    @Test
    void aGifWithAHugeLogicalScreenIsNotAnImage() {
        assertError(upload(loggedIn(), "huge.gif", HostileImages.gif(20_000, 20_000)), 400, "not-an-image");
    }

    // ---- Limits per user beyond sends -------------------------------------------------------------

    @Test
    void theSixthCreateInARowIsRateLimitedAndCreatesNothing() {
        Client c = loggedIn();
        try (Sock s = c.socket()) {
            s.await("channels");
            List<String> names = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                names.add(unique("burst" + i));
                s.create(names.get(i));
            }
            s.awaitError("rate-limited", "create");
            assertThat(json(c.get("/checkchannel?name=" + q(names.get(5)))).getBoolean("available")).isTrue();
        }
    }

    @Test
    void aBurstOfJoinsIsRateLimitedAndTheBudgetRefills() {
        try (Sock s = loggedIn().socket()) {
            String channel = createdChannel(s);
            for (int i = 0; i < 25; i++) {
                if (i % 2 == 0) {
                    s.send(frame("join").add("channel", channel));
                } else {
                    s.send(frame("older").add("channel", channel).add("before", 1));
                }
            }
            AtomicInteger answers = new AtomicInteger();
            List<JsonObject> seen = s.until(f -> isJoinOrOlderAnswer(f) && answers.incrementAndGet() == 25,
                    "25 answers to join and older");
            assertThat(seen).as("the answers to the burst").anyMatch(f -> f.getString("type").equals("error")
                    && f.getString("code").equals("rate-limited")
                    && List.of("join", "older").contains(f.getString("ref")));
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                    .until(() -> answerToJoin(s, channel).getString("type").equals("history"));
        }
    }

    @Test
    void theEleventhUploadInARowIsRateLimited() {
        Client c = loggedIn();
        for (int i = 0; i < 10; i++) {
            HttpResponse<String> r = upload(c, "p" + i + ".png", Images.of("png"));
            assertThat(r.statusCode()).as("upload %d: %s", i + 1, r.body()).isEqualTo(201);
        }
        assertError(upload(c, "p10.png", Images.of("png")), 429, "rate-limited");
    }

    @Test
    void oneLoginCannotHoldMoreThanTwentySockets() {
        Client c = loggedIn();
        List<Sock> open = new ArrayList<>();
        try {
            for (int i = 0; i < 20; i++) {
                Sock s = c.socket();
                s.await("channels");
                open.add(s);
            }
            assertRefusedAsOneTooMany(c);
            open.remove(0).close();
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                    .until(() -> opensAndAnswers(c));
        } finally {
            open.forEach(Sock::close);
        }
    }

    // ---- Errors never show internals --------------------------------------------------------------

    @Test
    void aMalformedQueryInTheNameCheckIsABadRequestWithoutInternals() {
        RawHttp.Response r = RawHttp.get(client(), "/checkdispname?name=%zz");
        assertRawError(r, 400, "bad-request");
    }

    @Test
    void aMalformedQueryInTheChannelCheckIsABadRequestWithoutInternals() {
        RawHttp.Response r = RawHttp.get(loggedIn(), "/checkchannel?name=%zz");
        assertRawError(r, 400, "bad-request");
    }

    @Test
    void aMalformedMultipartBodyIsABadRequestWithoutInternals() {
        Client c = loggedIn();
        HttpResponse<String> r = c.send(HttpRequest.newBuilder(c.uri("/upload"))
                .header("Content-Type", "multipart/form-data; boundary=x")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("--y\r\ngarbage\r\n\r\n\u0000\u0001 no parts here")).build());
        assertError(r, 400, "bad-request");
        assertNoInternals(r.body(), true);
    }

    @Test
    void anUnknownPathIs404WithoutInternals() {
        HttpResponse<String> r = client().get("/no-such-path");
        assertThat(r.statusCode()).isEqualTo(404);
        assertNoInternals(r.body(), false);
    }

    @Test
    void aPutToNewUserIsRefusedWithoutInternals() {
        Client c = client();
        HttpResponse<String> r = c.send(HttpRequest.newBuilder(c.uri("/newuser"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("displayname=" + unique("put"))).build());
        assertThat(r.statusCode()).isIn(400, 405);
        assertNoInternals(r.body(), true);
    }

    // ---- Nothing is dropped silently ----------------------------------------------------------------

    @Test
    void aFrameNestedOneThousandLevelsDeepIsABadRequest() {
        try (Sock s = loggedIn().socket()) {
            s.await("channels");
            s.send("{\"type\":\"send\",\"channel\":\"c\",\"text\":\"x\",\"x\":" + "[".repeat(1000) + "]".repeat(1000) + "}");
            awaitErrorCode(s, "bad-request");
            assertThat(s.isClosed()).isFalse();
        }
    }

    @Test
    void aBeforeOfTwelveHundredDigitsIsABadRequest() {
        try (Sock s = loggedIn().socket()) {
            String channel = createdChannel(s);
            s.send("{\"type\":\"older\",\"channel\":\"" + channel + "\",\"before\":" + "9".repeat(1200) + "}");
            awaitErrorCode(s, "bad-request");
            assertThat(s.isClosed()).isFalse();
        }
    }

    @Test
    void aBinaryFrameIsRefusedOneWayOrTheOther() throws Exception {
        Recorder recorder = new Recorder();
        WebSocket ws = Sock.handshake(loggedIn(), origin(), recorder).get(20, TimeUnit.SECONDS);
        try {
            await().atMost(Sock.WAIT).until(() -> recorder.texts.stream().anyMatch(t -> t.contains("\"channels\"")));
            ws.sendBinary(ByteBuffer.wrap(new byte[] {1, 2, 3, 4}), true).join();
            await().atMost(Sock.WAIT).until(() -> recorder.closeCode.get() == 1003
                    || recorder.texts.stream().anyMatch(t -> t.contains("\"bad-request\"")));
        } finally {
            ws.abort();
        }
    }

    // ---- Logs cannot be forged ----------------------------------------------------------------------

    @Test
    void aTypeWithANewlineCannotForgeALogLine() {
        String forged = "SEVERE: forged-" + UUID.randomUUID();
        long from = logSize();
        try (Sock s = loggedIn().socket()) {
            s.await("channels");
            s.send("{\"type\":\"x\\n" + forged + "\"}");
            awaitErrorCode(s, "bad-request");
        }
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5))
                .until(() -> logSince(from).lines().noneMatch(line -> line.startsWith(forged)));
    }

    @Test
    void twoHundredRefusalsWithHugeTypesGrowTheLogByLessThan200Kilobytes() {
        String huge = "t".repeat(60_000);
        long from = logSize();
        try (Sock s = loggedIn().socket()) {
            s.await("channels");
            for (int batch = 0; batch < 10; batch++) {
                for (int i = 0; i < 20; i++) {
                    s.send("{\"type\":\"" + huge + "\"}");
                }
                for (int i = 0; i < 20; i++) {
                    awaitErrorCode(s, "bad-request");
                }
            }
        }
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5))
                .until(() -> logSize() - from < 200 * 1024);
    }

    // ---- helpers ---------------------------------------------------------------------------------

    private String origin() {
        return base.getProtocol() + "://" + base.getAuthority();
    }

    private static String q(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** Nine random digits: a name part nobody has used, in no script. */
    private static String digits() {
        return String.valueOf(100_000_000 + ThreadLocalRandom.current().nextInt(900_000_000));
    }

    private HttpResponse<String> signUp(Client c, String name, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(c.uri("/newuser"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("displayname=" + q(name)));
        if (headers.length > 0) {
            b.headers(headers);
        }
        return c.send(b.build());
    }

    private boolean available(String name) {
        return json(client().get("/checkdispname?name=" + q(name))).getBoolean("available");
    }

    private void assertInvalidName(String name) {
        assertError(client().get("/checkdispname?name=" + q(name)), 400, "invalid-name");
        assertError(signUp(client(), name), 400, "invalid-name");
    }

    private void assertAccepted(String name) {
        HttpResponse<String> r = signUp(client(), name);
        assertThat(r.statusCode()).as("%s: %s", name, r.body()).isEqualTo(201);
        assertThat(json(r).getString("user")).isEqualTo(name);
    }

    private HttpResponse<String> logout(Client c, String method, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(c.uri("/logout")).method(method, HttpRequest.BodyPublishers.noBody());
        if (headers.length > 0) {
            b.headers(headers);
        }
        return c.send(b.build());
    }

    private static HttpResponse<String> upload(Client c, String filename, byte[] bytes) {
        return c.postMultipart("/upload", "image", filename, "application/octet-stream", bytes);
    }

    private static HttpResponse<String> uploadWithHeaders(Client c, byte[] bytes, String... headers) {
        String boundary = "----flack" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"image\"; filename=\"a.png\"\r\n"
                + "Content-Type: image/png\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(bytes);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return c.send(HttpRequest.newBuilder(c.uri("/upload"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .header("Accept", "application/json")
                .headers(headers)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build());
    }

    private static byte[] realPng(int width, int height) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB), "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static void assertNotFramable(HttpResponse<String> r) {
        String csp = r.headers().firstValue("Content-Security-Policy").orElse("");
        assertThat(csp).as("Content-Security-Policy").contains("frame-ancestors 'none'").contains("default-src 'self'");
        assertThat(r.headers().firstValue("X-Frame-Options").orElse("")).as("X-Frame-Options").isEqualToIgnoringCase("DENY");
    }

    private static void assertNoInternals(String body, boolean api) {
        assertThat(body).doesNotContain("Exception", ".java", "Apache Tomcat", "at chat.flack");
        if (api) {
            assertThat(body.toLowerCase(Locale.ROOT)).doesNotContain("<html");
        }
    }

    private static void assertRawError(RawHttp.Response r, int status, String code) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        assertNoInternals(r.body(), true);
        assertThat(r.header("Content-Type")).startsWith("application/json");
        JsonObject body = jakarta.json.Json.createReader(new java.io.StringReader(r.body())).readObject();
        assertThat(body.getString("error")).isEqualTo(code);
        assertThat(body.getString("message")).isNotBlank();
    }

    /** Creates a fresh channel from {@code s} and waits until the channel list names it. */
    private static String createdChannel(Sock s) {
        String channel = unique("chat");
        s.createAndAwait(channel);
        return channel;
    }

    private static String joinedNewChannel(Sock s) {
        String channel = createdChannel(s);
        s.join(channel);
        return channel;
    }

    private static List<String> texts(JsonObject history) {
        return history.getJsonArray("messages").getValuesAs(JsonObject.class).stream()
                .map(m -> m.getString("text")).toList();
    }

    /** A normal send right after a refused one works, and is all the channel holds. */
    private static void assertOnlyThisIsStored(Sock s, String channel, String text) {
        s.say(channel, text);
        assertThat(s.await("message").getJsonObject("message").getString("text")).isEqualTo(text);
        assertThat(texts(s.join(channel))).containsExactly(text);
    }

    private static JsonObject awaitErrorCode(Sock s, String code) {
        JsonObject error = s.await("error");
        assertThat(error.getString("code")).as("error %s", error).isEqualTo(code);
        return error;
    }

    private static boolean isJoinOrOlderAnswer(JsonObject f) {
        String type = f.getString("type");
        return type.equals("history") || type.equals("error") && !f.isNull("ref")
                && List.of("join", "older").contains(f.getString("ref"));
    }

    private static JsonObject answerToJoin(Sock s, String channel) {
        s.send(frame("join").add("channel", channel));
        return s.await(SafetyRulesIT::isJoinOrOlderAnswer, "an answer to join");
    }

    private static void assertRefusedAsOneTooMany(Client c) {
        Sock extra;
        try {
            extra = c.socket();
        } catch (Sock.HandshakeRefused refused) {
            assertThat(Sock.refusedStatus(refused.getCause())).isEqualTo(429);
            return;
        }
        try (extra) {
            assertThat(extra.awaitClose()).as("the close code of the 21st socket").isEqualTo(1008);
        }
    }

    /** Whether a new socket of {@code c} opens and answers a request. */
    private static boolean opensAndAnswers(Client c) {
        try (Sock s = c.socket()) {
            s.send(frame("join").add("channel", unique("nowhere")));
            return s.await("error").getString("code").equals("no-such-channel") && !s.isClosed();
        } catch (RuntimeException | AssertionError notYet) {
            // refused at the handshake, or opened and closed with 1008 before the join went out
            return false;
        }
    }

    private static Path logFile() {
        return Path.of(System.getProperty("tomcat.home"), "logs", "catalina." + LocalDate.now() + ".log");
    }

    private static long logSize() {
        try {
            return Files.exists(logFile()) ? Files.size(logFile()) : 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What the log file gained after {@code offset}. */
    private static String logSince(long offset) {
        try (RandomAccessFile f = new RandomAccessFile(logFile().toFile(), "r")) {
            long length = f.length();
            if (length <= offset) {
                return "";
            }
            byte[] bytes = new byte[(int) (length - offset)];
            f.seek(offset);
            f.readFully(bytes);
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Records the text frames and the close code of a raw WebSocket. */
    private static final class Recorder implements WebSocket.Listener {
        final List<String> texts = new CopyOnWriteArrayList<>();
        final AtomicInteger closeCode = new AtomicInteger();
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                texts.add(partial.toString());
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closeCode.set(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closeCode.compareAndSet(0, -1);
        }
    }
}
