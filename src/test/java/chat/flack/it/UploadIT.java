package chat.flack.it;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static chat.flack.it.HttpContractIT.assertError;
import static chat.flack.it.HttpContractIT.json;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code POST /upload} and {@code GET /uploads/F}: types judged by bytes, limits, safe serving. */
class UploadIT extends ServerIT {

    private static HttpResponse<String> upload(Client c, String filename, String type, byte[] bytes) {
        return c.postMultipart("/upload", "image", filename, type, bytes);
    }

    @Test
    void eachAcceptedTypeIsStoredUnderARandomNameAndServedWithSafeHeaders() {
        Client c = loggedIn();
        Map<String, byte[]> images = Map.of("png", Images.of("png"), "jpg", Images.of("jpg"),
                "gif", Images.of("gif"), "webp", Images.webp());
        Map<String, String> types = Map.of("png", "image/png", "jpg", "image/jpeg", "gif", "image/gif",
                "webp", "image/webp");
        for (var e : images.entrySet()) {
            HttpResponse<String> r = upload(c, "holiday photo." + e.getKey(), "application/octet-stream", e.getValue());
            assertThat(r.statusCode()).as(e.getKey() + ": " + r.body()).isEqualTo(201);
            JsonObject body = json(r);
            String file = body.getString("filename");
            assertThat(file).matches("[0-9a-f]{32}\\." + e.getKey());
            assertThat(body.getString("url")).isEqualTo("/uploads/" + file);
            HttpResponse<byte[]> served = c.getBytes(body.getString("url"));
            assertThat(served.statusCode()).isEqualTo(200);
            assertThat(served.body()).isEqualTo(e.getValue());
            assertThat(served.headers().firstValue("Content-Type").orElseThrow()).isEqualTo(types.get(e.getKey()));
            assertThat(served.headers().firstValue("X-Content-Type-Options").orElseThrow()).isEqualTo("nosniff");
            assertThat(served.headers().firstValue("Cache-Control").orElseThrow()).contains("max-age=");
        }
    }

    @Test
    void aLargeImageIsServedWholeAndHeadSendsNoBody() {
        Client c = loggedIn();
        byte[] big = Images.noise(400);
        assertThat(big.length).as("past the 48 KiB from which the file goes by sendfile").isGreaterThan(400_000);
        HttpResponse<String> r = upload(c, "noise.png", "image/png", big);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        String url = json(r).getString("url");
        for (int i = 0; i < 2; i++) {
            HttpResponse<byte[]> served = c.getBytes(url);
            assertThat(served.statusCode()).isEqualTo(200);
            assertThat(served.headers().firstValueAsLong("Content-Length").orElseThrow()).isEqualTo(big.length);
            assertThat(served.body()).as("request " + (i + 1) + " on the same connection").isEqualTo(big);
        }
        HttpResponse<byte[]> head = c.head(url);
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.headers().firstValueAsLong("Content-Length").orElseThrow()).isEqualTo(big.length);
        assertThat(head.body()).isEmpty();
        assertThat(c.getBytes(url).body()).as("after the HEAD, on the same connection").isEqualTo(big);
    }

    @Test
    void theTypeComesFromTheBytesNotTheNameOrTheDeclaredType() {
        Client c = loggedIn();
        HttpResponse<String> png = upload(c, "notes.txt", "text/plain", Images.of("png"));
        assertThat(png.statusCode()).isEqualTo(201);
        assertThat(json(png).getString("filename")).endsWith(".png");
        byte[] html = "<html><script>alert(1)</script></html>".getBytes(StandardCharsets.UTF_8);
        assertError(upload(c, "fake.png", "image/png", html), 400, "not-an-image");
        byte[] svg = "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>"
                .getBytes(StandardCharsets.UTF_8);
        assertError(upload(c, "vector.svg", "image/svg+xml", svg), 400, "not-an-image");
        assertError(upload(c, "empty.png", "image/png", new byte[0]), 400, "not-an-image");
    }

    @Test
    void anImageOverTheLimitGets413AndTheClientReadsTheAnswer() {
        Client c = loggedIn();
        for (int size : List.of(5 * 1024 * 1024 + 1, 12 * 1024 * 1024)) {
            byte[] big = Arrays.copyOf(Images.of("png"), size);
            assertError(upload(c, "big.png", "image/png", big), 413, "too-large");
        }
        byte[] fits = Arrays.copyOf(Images.of("png"), 5 * 1024 * 1024);
        assertThat(upload(c, "fits.png", "image/png", fits).statusCode()).isEqualTo(201);
    }

    @Test
    void uploadsNeedALogin() {
        assertError(upload(client(), "a.png", "image/png", Images.of("png")), 401, "not-logged-in");
    }

    @Test
    void anUploadWithoutTheImagePartIsABadRequest() {
        Client c = loggedIn();
        assertError(c.postMultipart("/upload", "file", "a.png", "image/png", Images.of("png")), 400, "bad-request");
        assertError(c.postForm("/upload", Map.of("image", "x"), true), 400, "bad-request");
    }

    @Test
    void noOtherFileCanBeReadThroughUploads() {
        Client c = client();
        for (String path : List.of("/uploads/../WEB-INF/web.xml", "/uploads/..%2fWEB-INF%2fweb.xml",
                "/uploads/%2e%2e/%2e%2e/%2e%2e/etc/passwd", "/uploads/..%5c..%5cetc%5cpasswd", "/uploads/",
                "/uploads/flack.mv.db", "/uploads/../flack.mv.db", "/uploads/0123456789abcdef0123456789abcdef.png",
                "/uploads/.upload-1.part", "/uploads/%00.png")) {
            HttpResponse<String> r = c.get(path);
            assertThat(r.statusCode()).as(path).isIn(400, 404);
            assertThat(r.body()).as(path).doesNotContain("web-app").doesNotContain("root:");
        }
    }

    @Test
    void anUploadedImageTravelsWithAMessage() {
        Client c = loggedIn();
        JsonObject uploaded = json(upload(c, "cat.gif", "image/gif", Images.of("gif")));
        String file = uploaded.getString("filename");
        try (Sock s = c.socket(); Sock other = loggedIn().socket()) {
            String channel = unique("pics");
            s.create(channel);
            s.join(channel);
            other.join(channel);
            s.send(Sock.frame("send").add("channel", channel).add("text", "").add("image", "/uploads/" + file));
            JsonObject m = other.await("message").getJsonObject("message");
            assertThat(m.getString("image")).isEqualTo("/uploads/" + file);
            assertThat(m.getString("text")).isEmpty();
            assertThat(m.getInt("imageWidth")).as("the size of the upload, for the page to reserve").isEqualTo(uploaded.getInt("width"));
            assertThat(m.getInt("imageHeight")).isEqualTo(uploaded.getInt("height"));
            assertThat(messagesOfHistory(other.join(channel)).get(0).getInt("imageWidth")).isEqualTo(uploaded.getInt("width"));
            s.send(Sock.frame("send").add("channel", channel).add("text", "again").add("image", file));
            JsonObject again = other.await("message").getJsonObject("message");
            assertThat(again.getString("image")).isEqualTo("/uploads/" + file);
            s.say(channel, "no picture");
            assertThat(other.await("message").getJsonObject("message").isNull("imageWidth")).isTrue();
            s.send(Sock.frame("delete").add("channel", channel).add("id", again.getJsonNumber("id").longValue()));
            JsonObject deleted = other.await("update").getJsonObject("message");
            assertThat(deleted.isNull("image")).isTrue();
            assertThat(deleted.isNull("imageWidth")).as("a deleted message keeps no image size").isTrue();
        }
    }

    private static java.util.List<JsonObject> messagesOfHistory(JsonObject history) {
        return history.getJsonArray("messages").getValuesAs(JsonObject.class);
    }
}
