package chat.flack.it;

import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static chat.flack.it.Sock.frame;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Sockets that end while they open, while they join, or while their login ends leave nothing
 * behind: no connection counted as open, no member left in a channel, no socket left open.
 * The cycles are spread over ten logins, as a login may hold at most 20 sockets at once.
 */
class ConnectionRacesIT extends ServerIT {

    private static final String OPEN = "flack_connections_open";
    private static final String DELIVERIES = "flack_deliveries_total";
    private static final int USERS = 10;

    @Test
    void twoHundredSocketsClosedAsSoonAsTheyOpenLeaveNoConnectionOpen() throws Exception {
        double baseline = settledOpenConnections();
        List<Client> users = users();
        AtOnce.run(USERS, u -> {
            for (int i = 0; i < 200 / USERS; i++) {
                endAtOnce(opened(users.get(u)), i);
            }
            return u;
        });
        awaitOpenConnectionsBackTo(baseline);
    }

    @Test
    void aHundredSocketsClosedRightAfterSendingAJoinLeaveNoConnectionOpen() throws Exception {
        String channel = existingChannel();
        double baseline = settledOpenConnections();
        joinAndCloseAHundredTimes(channel);
        awaitOpenConnectionsBackTo(baseline);
    }

    @Test
    void afterAHundredSocketsClosedRightAfterAJoinAMessageGoesToTheLiveMembersOnly() throws Exception {
        String channel = existingChannel();
        double baseline = settledOpenConnections();
        joinAndCloseAHundredTimes(channel);
        awaitOpenConnectionsBackTo(baseline);
        try (Sock member = loggedIn().socket(); Sock sender = loggedIn().socket()) {
            member.join(channel);
            sender.join(channel);
            double deliveries = deliveries();
            sender.say(channel, "after the races");
            assertThat(member.await("message").getJsonObject("message").getString("text")).isEqualTo("after the races");
            assertThat(sender.await("message").getJsonObject("message").getString("text")).isEqualTo("after the races");
            await().atMost(Sock.WAIT).until(() -> deliveries() > deliveries);
            assertThat(deliveries()).as("deliveries of the one message: to its sender and the one member, no stale socket")
                    .isEqualTo(deliveries + 2);
        }
    }

    @Test
    void fiftyHandshakesRacingALogoutOfTheirLoginAreEachRefusedOrClosedWith1008() throws Exception {
        double baseline = settledOpenConnections();
        List<String> outcomes = new ArrayList<>();
        for (List<String> some : AtOnce.run(USERS, t -> {
            List<String> mine = new ArrayList<>();
            for (int i = 0; i < 50 / USERS; i++) {
                mine.add(handshakeRacingLogout(loggedIn(), (t + i) % 2 == 0));
            }
            return mine;
        })) {
            outcomes.addAll(some);
        }
        assertThat(outcomes).hasSize(50).allMatch(o -> o.equals("refused") || o.equals("closed with 1008"));
        awaitOpenConnectionsBackTo(baseline);
    }

    // ---- helpers ---------------------------------------------------------------------------------

    /**
     * Starts the handshake and the logout of {@code c} together (in either order), and says how
     * the socket ended: refused (401 or 403) or closed with 1008. A socket that stays open fails.
     */
    private String handshakeRacingLogout(Client c, boolean handshakeFirst) throws Exception {
        Ending ending = new Ending();
        CompletableFuture<WebSocket> handshake;
        CompletableFuture<HttpResponse<String>> logout;
        HttpRequest logoutRequest = HttpRequest.newBuilder(c.uri("/logout")).POST(HttpRequest.BodyPublishers.noBody()).build();
        if (handshakeFirst) {
            handshake = Sock.handshake(c, origin(), ending);
            logout = c.http.sendAsync(logoutRequest, HttpResponse.BodyHandlers.ofString());
        } else {
            logout = c.http.sendAsync(logoutRequest, HttpResponse.BodyHandlers.ofString());
            handshake = Sock.handshake(c, origin(), ending);
        }
        assertThat(logout.get(20, TimeUnit.SECONDS).statusCode()).as("the logout").isEqualTo(303);
        WebSocket ws;
        try {
            ws = handshake.get(20, TimeUnit.SECONDS);
        } catch (ExecutionException refused) {
            assertThat(Sock.refusedStatus(refused.getCause())).as("the refused handshake's status").isIn(401, 403);
            return "refused";
        }
        try {
            await("the close of a socket whose login ended").atMost(Sock.WAIT).until(ending.code::isDone);
            return "closed with " + ending.code.get();
        } finally {
            ws.abort();
        }
    }

    private void joinAndCloseAHundredTimes(String channel) throws Exception {
        List<Client> users = users();
        String join = frame("join").add("channel", channel).build().toString();
        AtOnce.run(USERS, u -> {
            for (int i = 0; i < 100 / USERS; i++) {
                WebSocket ws = opened(users.get(u));
                ws.sendText(join, true).get(10, TimeUnit.SECONDS);
                endAtOnce(ws, i);
            }
            return u;
        });
    }

    private List<Client> users() {
        List<Client> users = new ArrayList<>();
        for (int i = 0; i < USERS; i++) {
            users.add(loggedIn());
        }
        return users;
    }

    private WebSocket opened(Client c) throws Exception {
        return Sock.handshake(c, origin(), new Ending()).get(20, TimeUnit.SECONDS);
    }

    /** Ends a socket without waiting for anything: every other time with a close frame, else by dropping the connection. */
    private static void endAtOnce(WebSocket ws, int cycle) {
        if (cycle % 2 == 0) {
            ws.sendClose(WebSocket.NORMAL_CLOSURE, "");
        } else {
            ws.abort();
        }
    }

    private String existingChannel() {
        String channel = unique("racy");
        try (Sock owner = loggedIn().socket()) {
            owner.createAndAwait(channel);
        }
        return channel;
    }

    private double openConnections() {
        return Metrics.read(client(), OPEN);
    }

    private double deliveries() {
        return Metrics.read(client(), DELIVERIES);
    }

    /** The open-connection gauge once it holds still, so that sockets of earlier tests still closing do not count. */
    private double settledOpenConnections() {
        // The socket meters are registered with the first socket of a deployment.
        try (Sock first = loggedIn().socket()) {
            first.await("channels");
        }
        AtomicReference<Double> last = new AtomicReference<>(Double.NaN);
        await(OPEN + " holding still").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                .until(() -> {
                    double now = openConnections();
                    return now == last.getAndSet(now);
                });
        return last.get();
    }

    private void awaitOpenConnectionsBackTo(double baseline) {
        await(OPEN + " back to " + baseline).atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
                .untilAsserted(() -> assertThat(openConnections()).isLessThanOrEqualTo(baseline));
    }

    private String origin() {
        return base.getProtocol() + "://" + base.getAuthority();
    }

    /** Reads what comes and records how the socket ended: the close code, or -1 for a broken connection. */
    private static final class Ending implements WebSocket.Listener {

        final CompletableFuture<Integer> code = new CompletableFuture<>();

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            code.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            code.complete(-1);
        }
    }
}
