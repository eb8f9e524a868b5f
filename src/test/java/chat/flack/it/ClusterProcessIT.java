package chat.flack.it;

import jakarta.json.JsonObject;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Flack as two nodes of one chat: two Tomcat processes on one PostgreSQL database, joined by a
 * Redis relay of the test's own (which it stops and starts again). Proves that a login made
 * through one node works through the other under the same session id; that names and channels
 * are unique across nodes, also when both nodes are asked at the same instant; that every
 * message sent through either node reaches every socket on both exactly once, in one order of
 * increasing ids, which joins and {@code older} pages through either node agree with; that the
 * nodes keep storing and serving while Redis is away, say so in {@code /health} and the metrics,
 * and make good what the relay missed once it is back, also to a socket that joins through a
 * node still behind the store; that a logout through one node closes the user's sockets on the
 * other and frees the name on both, also when it happens while Redis is away; and that killing
 * a node loses no acknowledged message, and resends of the unacknowledged ones through the other
 * node double nothing. The nodes run once for the class; a test that stops Redis starts it again.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterProcessIT {

    /** The spec: what the relay missed reaches every node within this of Redis' return. */
    private static final Duration CATCH_UP = Duration.ofSeconds(10);
    private static final Duration POLL = Duration.ofMillis(100);

    private static RedisProcess redis;
    private static TomcatProcess a;
    private static TomcatProcess b;

    @BeforeAll
    static void startTwoNodes() throws Exception {
        String pg = TestPostgres.url("ClusterProcessIT");
        redis = new RedisProcess(ServerIT.unique("cluster-redis"));
        redis.start();
        String nameA = ServerIT.unique("cluster-a");
        String nameB = ServerIT.unique("cluster-b");
        a = new TomcatProcess(nameA, nodeEnv(nameA, pg));
        b = new TomcatProcess(nameB, nodeEnv(nameB, pg));
        a.launch();
        b.launch();
        a.awaitHealth(200);
        b.awaitHealth(200);
        awaitRelay("UP");
    }

    @AfterAll
    static void stopEverything() throws Exception {
        for (TomcatProcess node : new TomcatProcess[] {b, a}) {
            if (node != null) {
                node.close();
            }
        }
        if (redis != null) {
            redis.close();
        }
    }

    /** A node of several: its own data folder, the shared database and relay, room for fast senders. */
    private static Map<String, String> nodeEnv(String name, String pg) {
        Map<String, String> env = new HashMap<>();
        env.put("FLACK_DATA_DIR", TomcatProcess.dataDir(name).toString());
        env.put("FLACK_DB_URL", pg);
        env.put("FLACK_REDIS_URL", redis.url());
        env.put("FLACK_RATE_BURST", "200");
        env.put("FLACK_RATE_PER_SECOND", "100");
        return env;
    }

    // ---- 1. logins

    @Test
    @Order(1)
    void aLoginMadeThroughOneNodeWorksThroughTheOtherUnderTheSameSessionId() {
        Client viaA = new Client(a.url());
        String user = viaA.login(ServerIT.unique("Ann"));
        Client viaB = new Client(b.url(), viaA.cookies);
        List<String> ids = new ArrayList<>();
        ids.add(sessionId(viaA));

        try (Sock s = viaB.socket()) {
            s.await("channels");
            String channel = ServerIT.unique("Roaming");
            s.create(channel);
            s.join(channel);
            s.say(channel, "hello from B");
            assertThat(s.await("message").getJsonObject("message").getString("user"))
                    .as("a socket on B speaks for the login made through A").isEqualTo(user);
        }
        ids.add(sessionId(viaB));
        for (Client c : List.of(viaB, viaA, viaB, viaA)) {
            assertThat(c.get("/checkchannel?name=" + ServerIT.unique("x")).statusCode())
                    .as("GET /checkchannel through %s with the login made through A", c.base).isEqualTo(200);
            ids.add(sessionId(c));
        }
        assertThat(ids).as("the session id after the login through A, the socket through B, then requests through"
                        + " B, A, B, A: one id, no ping-pong (META-INF/context.xml lets Tomcat keep the id a"
                        + " browser brings)")
                .containsOnly(ids.get(0));
    }

    /** The one session cookie of the jar (one, not one per node), and its value. */
    private static String sessionId(Client c) {
        List<HttpCookie> sessions = c.cookies.getCookieStore().getCookies().stream()
                .filter(k -> k.getName().equals("JSESSIONID")).toList();
        assertThat(sessions).as("session cookies in the jar").hasSize(1);
        return sessions.get(0).getValue();
    }

    // ---- 2. names

    @Test
    @Order(2)
    void aNameTakenThroughOneNodeIsRefusedThroughTheOther() {
        String name = new Client(a.url()).login(ServerIT.unique("Bea"));
        Client other = new Client(b.url());
        HttpContractIT.assertError(other.postForm("/newuser", Map.of("displayname", name), true), 409, "name-taken");
        HttpContractIT.assertError(other.postForm("/newuser", Map.of("displayname", name.toUpperCase()), true),
                409, "name-taken");
        assertThat(available(other, name)).as("the name as B sees it").isFalse();
    }

    @Test
    @Order(3)
    void theSameNewNameAskedOfBothNodesAtOnceIsGivenOnceAndRefusedOnceAsTaken() throws Exception {
        SoftAssertions soft = new SoftAssertions();
        for (int round = 0; round < 6; round++) {
            String name = ServerIT.unique("Cy");
            List<TomcatProcess> nodes = List.of(a, b);
            List<HttpResponse<String>> answers = AtOnce.run(2, i ->
                    new Client(nodes.get(i).url()).postForm("/newuser", Map.of("displayname", name), true));
            List<Integer> statuses = answers.stream().map(HttpResponse::statusCode).sorted().toList();
            soft.assertThat(statuses)
                    .as("round %d, %s asked of A and B at once: one login and one 409 name-taken, never 503"
                            + " (the loser's unique violation is a taken name); answers %s", round, name,
                            answers.stream().map(HttpResponse::body).toList())
                    .containsExactly(201, 409);
            answers.stream().filter(r -> r.statusCode() == 409).forEach(r ->
                    soft.assertThat(HttpContractIT.json(r).getString("error")).isEqualTo("name-taken"));
        }
        soft.assertAll();
    }

    // ---- 3. channels

    @Test
    @Order(4)
    void aChannelCreatedThroughOneNodeIsPushedToSocketsOnTheOther() {
        Client onB = loggedIn(b, "Dan");
        Client onA = loggedIn(a, "Eve");
        String channel = ServerIT.unique("Pushed");
        try (Sock watcher = onB.socket(); Sock creator = onA.socket()) {
            watcher.await("channels");
            creator.await("channels");
            creator.create(channel);
            JsonObject pushed = watcher.await(listing(channel), "a channels frame with " + channel);
            assertThat(channelNames(pushed)).as("the channels frame pushed on B").containsOnlyOnce(channel);
            assertThat(watcher.join(channel).getString("channel")).isEqualTo(channel);
        }
    }

    @Test
    @Order(5)
    void theSameNewChannelCreatedThroughBothNodesAtOnceIsOneChannelAndOneChannelTakenError() throws Exception {
        SoftAssertions soft = new SoftAssertions();
        for (int round = 0; round < 6; round++) {
            Client onA = loggedIn(a, "Fay");
            Client onB = loggedIn(b, "Gus");
            String channel = ServerIT.unique("Raced");
            try (Sock sa = onA.socket(); Sock sb = onB.socket()) {
                sa.await("channels");
                sb.await("channels");
                List<Sock> both = List.of(sa, sb);
                AtOnce.run(2, i -> {
                    both.get(i).create(channel);
                    return null;
                });
                List<JsonObject> frames = new ArrayList<>();
                for (Sock s : both) {
                    List<JsonObject> seen = s.until(listing(channel), "a channels frame with " + channel);
                    soft.assertThat(channelNames(seen.get(seen.size() - 1))).as("round %d: the channel list", round)
                            .containsOnlyOnce(channel);
                    frames.addAll(seen);
                    // The reply to a later request of the socket comes after any reply to its create.
                    s.send(Sock.frame("join").add("channel", channel));
                    frames.addAll(s.until(f -> f.getString("type").equals("history"), "the history of " + channel));
                }
                List<JsonObject> errors = frames.stream().filter(f -> f.getString("type").equals("error")).toList();
                soft.assertThat(errors.stream().map(e -> e.getString("code")).toList())
                        .as("round %d, %s created through A and B at once: exactly one channel-taken, never"
                                + " unavailable (the loser's unique violation is a taken name)", round, channel)
                        .containsExactly("channel-taken");
            }
        }
        soft.assertAll();
    }

    /** A {@code channels} frame that lists {@code channel}. */
    private static Predicate<JsonObject> listing(String channel) {
        return f -> f.getString("type").equals("channels") && channelNames(f).contains(channel);
    }

    private static List<String> channelNames(JsonObject channelsFrame) {
        return channelsFrame.getJsonArray("channels").getValuesAs(JsonObject.class).stream()
                .map(c -> c.getString("name")).toList();
    }

    // ---- 4. messages

    @Test
    @Order(6)
    void messagesFromBothNodesReachEverySocketOnBothOnceInOneOrderThatJoinsAndOlderPagesAgreeWith()
            throws Exception {
        String channel = ServerIT.unique("Busy");
        List<Seen> receivers = new ArrayList<>();
        List<Seen> senders = new ArrayList<>();
        try {
            createThroughA(channel);
            for (TomcatProcess node : List.of(a, a, b, b)) {
                receivers.add(joined(node, "Rex", channel));
                senders.add(joined(node, "Sam", channel));
            }
            int perSender = 30;
            AtOnce.run(senders.size(), i -> {
                for (int k = 0; k < perSender; k++) {
                    senders.get(i).sock.say(channel, "m" + i + "-" + k, "c" + i + "-" + k);
                    Thread.sleep(10);
                }
                return null;
            });
            List<String> texts = new ArrayList<>();
            for (int i = 0; i < senders.size(); i++) {
                for (int k = 0; k < perSender; k++) {
                    texts.add("m" + i + "-" + k);
                }
            }
            texts.addAll(sendMarkers(channel, senders.get(0), senders.get(2)));
            List<Seen> everyone = new ArrayList<>(receivers);
            everyone.addAll(senders);
            List<Long> order = assertAllOnceInOneOrder(everyone, channel, texts, CATCH_UP);

            for (TomcatProcess node : List.of(a, b)) {
                assertThat(pagedHistory(node, channel)).as("join and older pages through %s", node.url())
                        .containsExactlyElementsOf(order);
            }
        } finally {
            closeAll(receivers);
            closeAll(senders);
        }
    }

    // ---- 5. relay outage

    @Test
    @Order(7)
    void whileRedisIsAwayBothNodesStoreAndSayRelayDownAndOnceItIsBackEverySocketHasEveryMessageOnceInOrder()
            throws Exception {
        String channel = ServerIT.unique("Outage");
        List<Seen> sockets = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        AtomicBoolean sending = new AtomicBoolean(true);
        try {
            createThroughA(channel);
            Seen receiverA = joined(a, "Ray", channel);
            Seen receiverB = joined(b, "Roy", channel);
            sockets.add(receiverA);
            sockets.add(receiverB);
            List<Seen> senders = new ArrayList<>();
            for (TomcatProcess node : List.of(a, a, b, b)) {
                senders.add(joined(node, "Sue", channel));
            }
            sockets.addAll(senders);
            List<AtomicInteger> sent = new ArrayList<>();
            List<Future<?>> loops = new ArrayList<>();
            for (int i = 0; i < senders.size(); i++) {
                AtomicInteger count = new AtomicInteger();
                sent.add(count);
                Sock s = senders.get(i).sock;
                int sender = i;
                loops.add(pool.submit(() -> {
                    while (sending.get()) {
                        int k = count.get();
                        s.say(channel, "o" + sender + "-" + k, "o" + sender + "-" + k);
                        count.incrementAndGet();
                        Thread.sleep(100);
                    }
                    return null;
                }));
            }
            await("messages flowing through the relay").atMost(CATCH_UP).pollInterval(POLL)
                    .until(() -> receiverA.messages(channel).size() >= 8 && receiverB.messages(channel).size() >= 8);

            redis.stop();
            awaitRelay("DOWN");
            for (TomcatProcess node : List.of(a, b)) {
                assertThat(Metrics.read(new Client(node.url()), "flack_relay_up"))
                        .as("flack_relay_up of %s while Redis is away", node.url()).isZero();
            }
            int before = sent.stream().mapToInt(AtomicInteger::get).sum();
            await("sends through both nodes while Redis is away").atMost(CATCH_UP).pollInterval(POLL)
                    .until(() -> sent.stream().mapToInt(AtomicInteger::get).sum() >= before + 40);
            assertRelay("DOWN");

            redis.start();
            long back = System.nanoTime();
            sending.set(false);
            for (Future<?> loop : loops) {
                loop.get(10, TimeUnit.SECONDS);
            }
            List<String> texts = new ArrayList<>();
            for (int i = 0; i < senders.size(); i++) {
                for (int k = 0; k < sent.get(i).get(); k++) {
                    texts.add("o" + i + "-" + k);
                }
            }
            Duration left = CATCH_UP.minus(Duration.ofNanos(System.nanoTime() - back));
            await("within " + CATCH_UP + " of Redis' return: every message on every socket, the relay UP on both nodes")
                    .atMost(left).pollInterval(POLL).untilAsserted(() -> {
                        for (Seen s : sockets) {
                            assertThat(s.texts(channel)).as("the messages of %s", s.name).containsAll(texts);
                        }
                        assertRelay("UP");
                    });
            assertAllOnceInOneOrder(sockets, channel, texts, CATCH_UP);
            for (TomcatProcess node : List.of(a, b)) {
                assertThat(Metrics.read(new Client(node.url()), "flack_relay_up"))
                        .as("flack_relay_up of %s after Redis is back", node.url()).isEqualTo(1.0);
            }
            texts.addAll(sendMarkers(channel, senders.get(0), senders.get(2)));
            assertAllOnceInOneOrder(sockets, channel, texts, CATCH_UP);
            for (Seen s : sockets) {
                assertThat(s.errors()).as("error frames of %s: every send succeeds, Redis or not", s.name).isEmpty();
            }
        } finally {
            sending.set(false);
            pool.shutdownNow();
            closeAll(sockets);
            restoreRedis();
        }
    }

    @Test
    @Order(8)
    void aJoinThroughANodeWhoseDeliveriesLagTheStoreShowsEachMessageOnce() throws Exception {
        String channel = ServerIT.unique("Lagging");
        List<Seen> sockets = new ArrayList<>();
        try {
            createThroughA(channel);
            Seen writer = joined(a, "Wes", channel);
            sockets.add(writer);
            Client first = loggedIn(b, "Joe");
            Client second = loggedIn(b, "Jim");

            redis.stop();
            awaitRelay("DOWN");
            List<String> texts = new ArrayList<>();
            for (int k = 0; k < 5; k++) {
                texts.add("lag " + k);
                writer.sock.say(channel, "lag " + k, "lag" + k);
            }
            await("the writer's echoes").atMost(CATCH_UP).pollInterval(Duration.ofMillis(10))
                    .until(() -> writer.messages(channel).size() == 5);
            // B has no page of this channel and learns of these messages only at its next
            // comparison of positions (every 2 s): this join reads them from the store first.
            Seen joiner = new Seen(first.socket(), "the first joiner through B");
            sockets.add(joiner);
            JsonObject history = joiner.sock.join(channel);
            texts.add("after the join");
            writer.sock.say(channel, "after the join", "lag-marker");
            await("the marker through B without the relay").atMost(CATCH_UP).pollInterval(POLL)
                    .until(() -> joiner.texts(channel).contains("after the join"));
            List<Long> seen = new ArrayList<>(RestartProcessIT.ids(history));
            joiner.messages(channel).forEach(m -> seen.add(m.getJsonNumber("id").longValue()));

            Seen late = new Seen(second.socket(), "a later joiner through B");
            sockets.add(late);
            List<Long> lateHistory = RestartProcessIT.ids(late.sock.join(channel));

            String why = "a page read from the store is cut at what the node has delivered, so that what"
                    + " follows comes once, as frames, and is added to the page once";
            SoftAssertions soft = new SoftAssertions();
            soft.assertThat(seen).as("history and then frames of a join through B (%s)", why)
                    .doesNotHaveDuplicates().isSorted().hasSize(texts.size());
            soft.assertThat(lateHistory).as("a later join's history through B (%s)", why)
                    .doesNotHaveDuplicates().isSorted().hasSize(texts.size());
            soft.assertAll();
        } finally {
            closeAll(sockets);
            restoreRedis();
        }
    }

    // ---- 6. logout

    @Test
    @Order(9)
    void aLogoutThroughOneNodeClosesTheUsersSocketsOnTheOtherAndFreesTheNameOnBoth() throws Exception {
        Client viaA = new Client(a.url());
        String name = viaA.login(ServerIT.unique("Hal"));
        Client viaB = RestartProcessIT.sameBrowser(viaA, b);
        try (Sock onA = viaA.socket()) {
            onA.await("channels");
            logout(viaB, b);
            assertThat(onA.awaitClose()).as("the close code of the user's socket on A").isEqualTo(1008);
        }
        for (TomcatProcess node : List.of(a, b)) {
            Client anyone = new Client(node.url());
            await("the name free again on " + node.url()).atMost(CATCH_UP).pollInterval(POLL)
                    .until(() -> available(anyone, name));
        }
        assertThat(viaA.get("/checkchannel?name=x").statusCode()).as("the cookie on A after the logout")
                .isEqualTo(401);
        assertThat(viaB.get("/checkchannel?name=x").statusCode()).as("the cookie on B after the logout")
                .isEqualTo(401);
    }

    @Test
    @Order(10)
    void aLogoutThroughOneNodeWhileRedisIsAwayTakesEffectOnTheOtherOnceRedisIsBack() throws Exception {
        Client viaA = new Client(a.url());
        String name = viaA.login(ServerIT.unique("Ike"));
        Client viaB = RestartProcessIT.sameBrowser(viaA, b);
        try (Sock onA = viaA.socket()) {
            onA.await("channels");
            redis.stop();
            awaitRelay("DOWN");
            logout(viaB, b);
            redis.start();
            long back = System.nanoTime();
            assertThat(available(new Client(b.url()), name)).as("the name free on B at once").isTrue();
            Duration left = CATCH_UP.minus(Duration.ofNanos(System.nanoTime() - back));
            await("within " + CATCH_UP + " of Redis' return, node A has ended the login that ended through B while"
                    + " Redis was away (the relay lost LoginEnded; A compares its logins with the store when"
                    + " the relay returns)")
                    .atMost(left).pollInterval(POLL).untilAsserted(() -> {
                        assertThat(onA.isClosed()).as("the user's socket on A closed").isTrue();
                        assertThat(available(new Client(a.url()), name)).as("the name free on A").isTrue();
                    });
            assertThat(onA.awaitClose()).as("the close code of the user's socket on A").isEqualTo(1008);
            assertThat(viaA.get("/checkchannel?name=x").statusCode()).as("the cookie on A after the logout")
                    .isEqualTo(401);
        } finally {
            restoreRedis();
        }
    }

    /** {@code POST /logout} through {@code node}, from a page of its own origin. */
    private static void logout(Client c, TomcatProcess node) {
        HttpResponse<String> out = c.send(HttpRequest.newBuilder(c.uri("/logout"))
                .header("Origin", origin(node)).POST(HttpRequest.BodyPublishers.noBody()).build());
        assertThat(out.statusCode()).as("POST /logout through %s", node.url()).isEqualTo(303);
    }

    // ---- conversations: changes to messages, typing and presence, through the relay

    @Test
    @Order(11)
    void editsDeletionsReactionsAndTypingThroughOneNodeReachTheOtherAndBothEndWithTheSameState() {
        String channel = ServerIT.unique("Edits");
        createThroughA(channel);
        Seen writer = joined(a, "Eve", channel);
        Seen reader = joined(b, "Rex", channel);
        Seen third = joined(a, "Tom", channel);
        writer.sock.say(channel, "frist");
        long id = writer.sock.await("message").getJsonObject("message").getJsonNumber("id").longValue();
        reader.sock.await("message");
        third.sock.await("message");

        writer.sock.send(Sock.frame("edit").add("channel", channel).add("id", id).add("text", "first"));
        assertThat(reader.sock.await("update").getJsonObject("message").getString("text"))
                .as("an edit through A, on B").isEqualTo("first");

        List<String> emoji = List.of("👍", "🎉", "👀", "✅");
        for (String e : emoji) {
            for (Seen s : List.of(reader, third)) {
                s.sock.send(Sock.frame("react").add("channel", channel).add("id", id).add("emoji", e).add("on", true));
            }
        }
        await("the reactions through both nodes, in their final state, on every socket of both nodes")
                .atMost(CATCH_UP).pollInterval(POLL).untilAsserted(() -> {
                    for (Seen s : List.of(writer, reader, third)) {
                        JsonObject last = s.lastUpdate(id);
                        assertThat(last).as("the last update %s received", s.name).isNotNull();
                        assertThat(last.getJsonArray("reactions")).as("%s: %s", s.name, last).hasSize(emoji.size());
                        last.getJsonArray("reactions").forEach(r -> assertThat(r.asJsonObject()
                                .getJsonArray("users")).as("%s: %s", s.name, last).hasSize(2));
                    }
                });
        JsonObject onB = reader.lastUpdate(id);
        assertThat(writer.lastUpdate(id).toString()).as("the same final state through A as through B")
                .isEqualTo(onB.toString());
        try (Sock later = loggedIn(b, "Lou").socket()) {
            JsonObject stored = later.join(channel).getJsonArray("messages").getJsonObject(0);
            assertThat(stored.getJsonArray("reactions")).isEqualTo(onB.getJsonArray("reactions"));
        }

        third.sock.send(Sock.frame("typing").add("channel", channel));
        JsonObject typing = reader.sock.await("typing");
        assertThat(typing.getString("user")).as("typing through A, on B")
                .isEqualTo(third.name.substring(0, third.name.indexOf(" through ")));

        writer.sock.send(Sock.frame("delete").add("channel", channel).add("id", id));
        await("the deletion through A on B").atMost(CATCH_UP).pollInterval(POLL)
                .until(() -> reader.lastUpdate(id) != null && reader.lastUpdate(id).getBoolean("deleted"));
        closeAll(List.of(writer, reader, third));
    }

    @Test
    @Order(13)
    void aUserIsOnlineOnEveryNodeWhileASocketIsOpenOnAnyAndOfflineWithinTenSecondsOfTheLast() throws Exception {
        Client watcher = loggedIn(b, "Wes");
        Client viaA = new Client(a.url());
        String name = viaA.login(ServerIT.unique("Pam"));
        Client viaB = RestartProcessIT.sameBrowser(viaA, b);
        try (Sock watching = watcher.socket()) {
            Sock onA = viaA.socket();
            watching.awaitPresence(f -> says(f, name, true), name + " online through A");
            Sock onB = viaB.socket();
            onA.close();
            onA.awaitClose();
            List<JsonObject> meanwhile = new ArrayList<>();
            await("no offline while the socket through B is open (a few presence ticks and beats)")
                    .during(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(5)).pollInterval(POLL)
                    .until(() -> {
                        meanwhile.addAll(watching.drainPresence());
                        return meanwhile.stream().noneMatch(f -> says(f, name, false));
                    });
            onB.close();
            onB.awaitClose();
            long closed = System.nanoTime();
            JsonObject offline = watching.awaitPresence(f -> says(f, name, false), name + " offline");
            assertThat(Duration.ofNanos(System.nanoTime() - closed)).isLessThan(Duration.ofSeconds(10));
            assertThat(offline).isNotNull();
        }
    }

    @Test
    @Order(12)
    void aDirectConversationOpenedThroughOneNodeReachesItsMemberOnTheOtherAlsoWhileRedisIsAway() throws Exception {
        Client ann = new Client(a.url());
        String annName = ann.login(ServerIT.unique("Ada"));
        Client bob = new Client(b.url());
        String bobName = bob.login(ServerIT.unique("Ben"));
        Client cy = new Client(b.url());
        String cyName = cy.login(ServerIT.unique("Cy"));
        try (Sock onA = ann.socket(); Sock bobOnB = bob.socket(); Sock cyOnB = cy.socket()) {
            onA.await("directs");
            bobOnB.await("directs");
            cyOnB.await("directs");
            onA.send(Sock.frame("direct").add("user", bobName));
            String channel = onA.await("directs").getJsonArray("directs").getJsonObject(0).getString("channel");
            JsonObject toBob = bobOnB.await("directs").getJsonArray("directs").getJsonObject(0);
            assertThat(toBob.getString("channel")).as("the conversation, told to its member on B").isEqualTo(channel);
            assertThat(toBob.getString("with")).isEqualTo(annName);
            bobOnB.join(channel);
            onA.join(channel);
            bobOnB.say(channel, "hi through B");
            assertThat(onA.await("message").getJsonObject("message").getString("text")).isEqualTo("hi through B");
            cyOnB.send(Sock.frame("join").add("channel", channel));
            cyOnB.awaitError("no-such-channel", "join");

            redis.stop();
            awaitRelay("DOWN");
            onA.send(Sock.frame("direct").add("user", cyName));
            onA.await("directs");
            JsonObject toCy = cyOnB.await(f -> f.getString("type").equals("directs")
                    && !f.getJsonArray("directs").isEmpty(), "the conversation opened through A while Redis is away"
                    + " (B reads it from the store when it compares positions)");
            assertThat(toCy.getJsonArray("directs").getJsonObject(0).getString("with")).isEqualTo(annName);
        } finally {
            restoreRedis();
        }
    }

    @Test
    @Order(12)
    void unreadCountsMoveOnEveryNodeOfTheUserAndAReadThroughOneClearsThemOnTheOther() throws Exception {
        String channel = ServerIT.unique("Counts");
        createThroughA(channel);
        Seen writer = joined(a, "Wen", channel);
        Client bobViaB = new Client(b.url());
        String bob = bobViaB.login(ServerIT.unique("Bea"));
        Client bobViaA = RestartProcessIT.sameBrowser(bobViaB, a);
        try (Sock onB = bobViaB.socket(); Sock onA = bobViaA.socket()) {
            onB.join(channel);
            onB.send(Sock.frame("leave").add("channel", channel));
            writer.sock.say(channel, "one");
            writer.sock.say(channel, "two for @" + bob);
            long last = 0;
            for (int i = 0; i < 2; i++) {
                last = writer.sock.await("message").getJsonObject("message").getJsonNumber("id").longValue();
            }
            for (Sock s : List.of(onB, onA)) {
                s.awaitUnread(f -> unreadOf(f, channel) == 2, "2 unread in " + channel + " on both nodes");
            }
            onA.send(Sock.frame("read").add("channel", channel).add("id", last));
            onB.awaitUnread(f -> unreadOf(f, channel) == 0, "the read through A, on B");
        }
        closeAll(List.of(writer));
    }

    @Test
    @Order(12)
    void aMessageSentThroughOneNodeIsFoundThroughTheOtherAndADirectOneOnlyByItsTwo() {
        String word = ServerIT.unique("kw").replace("-", "");
        String channel = ServerIT.unique("Found");
        createThroughA(channel);
        Client ann = new Client(a.url());
        ann.login(ServerIT.unique("Ana"));
        Client ben = new Client(b.url());
        String benName = ben.login(ServerIT.unique("Ben"));
        try (Sock annOnA = ann.socket(); Sock benOnB = ben.socket(); Sock eveOnB = loggedIn(b, "Eve").socket()) {
            annOnA.await("directs");
            annOnA.join(channel);
            annOnA.say(channel, "public " + word);
            annOnA.await("message");
            annOnA.send(Sock.frame("direct").add("user", benName));
            String direct = annOnA.await("directs").getJsonArray("directs").getJsonObject(0).getString("channel");
            annOnA.join(direct);
            annOnA.say(direct, "private " + word);
            annOnA.await("message");
            // B searches the conversations it knows of: it learns of this one through the relay.
            benOnB.await(f -> f.getString("type").equals("directs") && !f.getJsonArray("directs").isEmpty(),
                    "the direct conversation, on B");
            for (Sock s : List.of(benOnB, eveOnB)) {
                s.send(Sock.frame("search").add("query", word));
            }
            assertThat(benOnB.await("results").getJsonArray("messages")).as("ben, through B").hasSize(2);
            JsonObject eve = eveOnB.await("results");
            assertThat(eve.getJsonArray("messages")).as("a third user, through B").hasSize(1);
            assertThat(eve.toString()).doesNotContain("private");
        }
    }

    private static int unreadOf(JsonObject unread, String channel) {
        return unread.getJsonArray("channels").stream().map(v -> v.asJsonObject())
                .filter(e -> e.getString("channel").equals(channel)).mapToInt(e -> e.getInt("unread")).findFirst()
                .orElse(0);
    }

    private static boolean says(JsonObject presence, String user, boolean online) {
        return presence.getJsonArray("users").stream().map(v -> v.asJsonObject())
                .anyMatch(u -> u.getString("user").equals(user) && u.getBoolean("online") == online);
    }

    // ---- 7. a node killed (last: node A stays down, and @AfterAll has nothing of it to stop)

    @Test
    @Order(14)
    void killingANodeLosesNoAcknowledgedMessageAndResendsThroughTheOtherDoubleNothing() throws Exception {
        String channel = ServerIT.unique("Crash");
        createThroughA(channel);
        Client writer = loggedIn(a, "Kim");
        Seen receiver = joined(b, "Ron", channel);
        Seen onA = new Seen(writer.socket(), "the writer through A");
        onA.sock.join(channel);
        int total = 60;
        List<String> texts = IntStream.range(0, total).mapToObj(k -> "k " + k).toList();
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<Integer> loop = pool.submit(() -> {
                int k = 0;
                try {
                    for (; k < total; k++) {
                        onA.sock.say(channel, "k " + k, "k" + k);
                        Thread.sleep(20);
                    }
                } catch (RuntimeException connectionGone) {
                    // the node died under the socket: the rest are resent through the other node
                }
                return k;
            });
            await("acknowledged sends through A").atMost(CATCH_UP).pollInterval(Duration.ofMillis(10))
                    .until(() -> onA.messages(channel).size() >= 15);
            a.kill();
            onA.sock.awaitClose();
            int tried = loop.get(30, TimeUnit.SECONDS);
            Set<String> acknowledged = onA.messages(channel).stream().map(m -> m.getString("clientId"))
                    .collect(Collectors.toSet());
            assertThat(tried).as("sends tried before the kill, of %d", total).isLessThan(total)
                    .isGreaterThanOrEqualTo(acknowledged.size());

            // A's last publishes may die with it: B shows what it holds at once, and reads the
            // rest from the store when it compares positions (every 2 s), as a `message` each.
            Client writerOnB = new Client(b.url(), writer.cookies);
            Seen onB = new Seen(writerOnB.socket(), "the writer through B");
            Set<String> throughB = onB.sock.join(channel).getJsonArray("messages").getValuesAs(JsonObject.class)
                    .stream().map(m -> m.getString("clientId")).collect(Collectors.toCollection(HashSet::new));
            await("every acknowledged message through B").atMost(CATCH_UP).pollInterval(POLL).untilAsserted(() -> {
                onB.messages(channel).forEach(m -> throughB.add(m.getString("clientId")));
                assertThat(throughB).as("every acknowledged message, through B after A was killed (its history,"
                        + " then its messages)").containsAll(acknowledged);
            });

            List<String> unacknowledged = IntStream.range(0, total).mapToObj(k -> "k" + k)
                    .filter(id -> !acknowledged.contains(id)).toList();
            for (String id : unacknowledged) {
                onB.sock.say(channel, "k " + id.substring(1), id);
            }
            await("an answer to every resend through B").atMost(CATCH_UP).pollInterval(POLL)
                    .until(() -> onB.messages(channel).stream().map(m -> m.getString("clientId"))
                            .collect(Collectors.toSet()).containsAll(unacknowledged));
            JsonObject history = onB.sock.join(channel);
            assertThat(history.getJsonArray("messages").getValuesAs(JsonObject.class))
                    .extracting(m -> m.getString("text"))
                    .as("each message once in the history through B").doesNotHaveDuplicates()
                    .containsExactlyInAnyOrderElementsOf(texts);
            assertThat(RestartProcessIT.ids(history)).as("the ids of that history").isSorted();
            assertAllOnceInOneOrder(List.of(receiver), channel, texts, CATCH_UP);
            onB.sock.close();
        } finally {
            pool.shutdownNow();
            receiver.sock.close();
        }
    }

    // ---- helpers

    /** Creates {@code channel} through node A and waits until node B knows it too. */
    private static void createThroughA(String channel) {
        Client creator = loggedIn(a, "Ida");
        try (Sock s = creator.socket()) {
            s.await("channels");
            s.create(channel);
            s.await(listing(channel), "the new channel " + channel);
        }
        Client onB = loggedIn(b, "Ira");
        await("node B knows " + channel).atMost(CATCH_UP).pollInterval(POLL)
                .until(() -> !HttpContractIT.json(onB.get("/checkchannel?name=" + q(channel))).getBoolean("available"));
    }

    /** A client of {@code node} with a new login of its own. */
    private static Client loggedIn(TomcatProcess node, String prefix) {
        Client c = new Client(node.url());
        c.login(ServerIT.unique(prefix));
        return c;
    }

    /** A new login through {@code node}, with a socket in {@code channel}. */
    private static Seen joined(TomcatProcess node, String prefix, String channel) {
        Client c = new Client(node.url());
        String user = c.login(ServerIT.unique(prefix));
        Seen s = new Seen(c.socket(), user + " through " + (node == a ? "A" : "B"));
        s.sock.join(channel);
        return s;
    }

    /** Sends one marker through each of {@code through}, after everything they sent before. */
    private static List<String> sendMarkers(String channel, Seen... through) {
        List<String> markers = new ArrayList<>();
        for (Seen s : through) {
            String marker = ServerIT.unique("marker");
            s.sock.say(channel, marker, marker);
            markers.add(marker);
        }
        return markers;
    }

    /**
     * Waits (at most {@code within}) until every socket has a message of each text, then asserts
     * that each has each exactly once, with strictly increasing ids, in the same order as all
     * the others; returns that order of ids.
     */
    private static List<Long> assertAllOnceInOneOrder(List<Seen> sockets, String channel, Collection<String> texts,
                                                      Duration within) {
        await("every message on every socket of both nodes").atMost(within).pollInterval(POLL)
                .until(() -> sockets.stream().allMatch(s -> s.texts(channel).containsAll(texts)));
        List<Long> order = null;
        for (Seen s : sockets) {
            List<JsonObject> messages = s.messages(channel);
            List<Long> ids = messages.stream().map(m -> m.getJsonNumber("id").longValue()).toList();
            assertThat(messages).extracting(m -> m.getString("text")).as("the messages of %s", s.name)
                    .doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(texts);
            assertThat(ids).as("the ids %s received, strictly increasing", s.name).isSorted().doesNotHaveDuplicates();
            if (order == null) {
                order = ids;
            } else {
                assertThat(ids).as("the order of %s, the same as every other socket's", s.name)
                        .containsExactlyElementsOf(order);
            }
        }
        return order;
    }

    /** The ids of a channel as a new socket on {@code node} pages them: its join, then {@code older} pages. */
    private static List<Long> pagedHistory(TomcatProcess node, String channel) {
        Client reader = loggedIn(node, "Lee");
        try (Sock s = reader.socket()) {
            JsonObject page = s.join(channel);
            List<Long> ids = new ArrayList<>(RestartProcessIT.ids(page));
            while (page.getJsonArray("messages").size() == page.getInt("limit") && !ids.isEmpty()) {
                s.send(Sock.frame("older").add("channel", channel).add("before", ids.get(0)));
                page = s.await("history");
                assertThat(page.getJsonNumber("before").longValue()).isEqualTo(ids.get(0));
                ids.addAll(0, RestartProcessIT.ids(page));
            }
            return ids;
        }
    }

    private static void awaitRelay(String state) {
        await("\"relay\": \"" + state + "\" in /health of both nodes").atMost(CATCH_UP).pollInterval(POLL)
                .untilAsserted(() -> assertRelay(state));
    }

    /** Both nodes answer {@code /health} with 200 and say that their relay is {@code state}. */
    private static void assertRelay(String state) {
        for (TomcatProcess node : List.of(a, b)) {
            HttpResponse<String> r = new Client(node.url()).get("/health");
            assertThat(r.statusCode()).as("/health of %s: %s", node.url(), r.body()).isEqualTo(200);
            assertThat(HttpContractIT.json(r).getString("relay")).as("/health of %s: %s", node.url(), r.body())
                    .isEqualTo(state);
        }
    }

    /** Starts the test's Redis again if a test ended without it, and waits for both relays. */
    private static void restoreRedis() throws Exception {
        if (!redis.answers()) {
            redis.start();
        }
        awaitRelay("UP");
    }

    private static boolean available(Client c, String name) {
        return HttpContractIT.json(c.get("/checkdispname?name=" + q(name))).getBoolean("available");
    }

    private static String origin(TomcatProcess node) {
        URI u = URI.create(node.url().toString());
        return u.getScheme() + "://" + u.getAuthority();
    }

    private static String q(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static void closeAll(List<Seen> sockets) {
        sockets.forEach(s -> s.sock.close());
    }

    /** A socket and every frame it received so far, taken from it as the test looks. */
    private static final class Seen {
        final Sock sock;
        final String name;
        private final List<JsonObject> frames = new ArrayList<>();

        /** @param name who holds the socket and through which node, for assertion messages */
        Seen(Sock sock, String name) {
            this.sock = sock;
            this.name = name;
        }

        /** The newest {@code update} of message {@code id} received so far, or null. */
        synchronized JsonObject lastUpdate(long id) {
            frames.addAll(sock.drain());
            JsonObject last = null;
            for (JsonObject f : frames) {
                if (f.getString("type").equals("update")
                        && f.getJsonObject("message").getJsonNumber("id").longValue() == id) {
                    last = f.getJsonObject("message");
                }
            }
            return last;
        }

        /** The {@code error} frames received so far. */
        synchronized List<JsonObject> errors() {
            frames.addAll(sock.drain());
            return frames.stream().filter(f -> f.getString("type").equals("error")).toList();
        }

        /** The {@code message} objects of {@code channel} received so far, in arrival order. */
        synchronized List<JsonObject> messages(String channel) {
            frames.addAll(sock.drain());
            return frames.stream()
                    .filter(f -> f.getString("type").equals("message"))
                    .map(f -> f.getJsonObject("message"))
                    .filter(m -> m.getString("channel").equals(channel))
                    .toList();
        }

        List<String> texts(String channel) {
            return messages(channel).stream().map(m -> m.getString("text")).toList();
        }
    }
}
