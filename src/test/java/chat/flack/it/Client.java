package chat.flack.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** A browser-like HTTP client: its own cookie jar, no redirects followed. */
public final class Client {

    public final URI base;
    public final CookieManager cookies;
    public final HttpClient http;

    public Client(URL base) {
        this(base, new CookieManager());
    }

    /**
     * A client of {@code base} that shares the cookie jar {@code cookies} with other clients, as
     * one browser does for every port of a host: a login made through one node of several is
     * sent to the others, and a cookie any of them sets is the one all of them are sent next.
     */
    public Client(URL base, CookieManager cookies) {
        this.cookies = cookies;
        try {
            this.base = base.toURI();
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(e);
        }
        this.http = HttpClient.newBuilder().cookieHandler(cookies).connectTimeout(Duration.ofSeconds(10)).build();
    }

    public URI uri(String path) {
        return base.resolve(path.startsWith("/") ? path.substring(1) : path);
    }

    public HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET().build());
    }

    public HttpResponse<byte[]> getBytes(String path) {
        return sendForBytes(HttpRequest.newBuilder(uri(path)).GET().build());
    }

    /** A {@code HEAD} request: its answer has headers, and no body. */
    public HttpResponse<byte[]> head(String path) {
        return sendForBytes(HttpRequest.newBuilder(uri(path)).method("HEAD", HttpRequest.BodyPublishers.noBody()).build());
    }

    private HttpResponse<byte[]> sendForBytes(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    public HttpResponse<String> postForm(String path, Map<String, String> form, boolean json) {
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (json) {
            b.header("Accept", "application/json");
        }
        return send(b.build());
    }

    public HttpResponse<String> postMultipart(String path, String part, String filename, String type, byte[] bytes) {
        String boundary = "----flack" + UUID.randomUUID();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String head = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + part + "\""
                + (filename == null ? "" : "; filename=\"" + filename + "\"") + "\r\n"
                + (type == null ? "" : "Content-Type: " + type + "\r\n") + "\r\n";
        out.writeBytes(head.getBytes(StandardCharsets.UTF_8));
        out.writeBytes(bytes);
        out.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return send(HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(out.toByteArray())).build());
    }

    public HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Takes {@code name} through {@code POST /newuser} and checks that it worked. */
    public String login(String name) {
        HttpResponse<String> r = postForm("/newuser", Map.of("displayname", name), true);
        assertThat(r.statusCode()).as("login of %s: %s", name, r.body()).isEqualTo(201);
        return name;
    }

    public Optional<HttpCookie> sessionCookie() {
        return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals("JSESSIONID")).findFirst();
    }

    /** Opens {@code /socket} with this client's cookies and the page's own origin. */
    public Sock socket() {
        return socket(base.getScheme() + "://" + base.getAuthority());
    }

    public Sock socket(String origin) {
        return Sock.open(this, origin);
    }
}
