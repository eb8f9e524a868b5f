package chat.flack.it;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static chat.flack.it.Sock.frame;
import static org.assertj.core.api.Assertions.assertThat;

/** Several clients at once: every member gets every message once and in order; races have one winner. */
class FanoutIT extends ServerIT {

    private static <T> List<T> allAtOnce(int n, Callable<T> task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return task.call();
                }));
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> f : futures) {
                results.add(f.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void twentyClientsSendingAtOnceLoseAndDuplicateNothing() throws Exception {
        int clients = 20;
        int each = 5;
        String channel = unique("busy");
        List<Sock> socks = new ArrayList<>();
        Sock outsider = loggedIn().socket();
        try {
            for (int i = 0; i < clients; i++) {
                socks.add(loggedIn().socket());
            }
            socks.get(0).create(channel);
            String elsewhere = unique("quiet");
            outsider.create(elsewhere);
            for (Sock s : socks) {
                s.join(channel);
            }
            outsider.join(elsewhere);
            List<Integer> indexes = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                indexes.add(i);
            }
            ExecutorService pool = Executors.newFixedThreadPool(clients);
            try {
                CountDownLatch go = new CountDownLatch(1);
                List<Future<?>> sent = new ArrayList<>();
                for (int i : indexes) {
                    sent.add(pool.submit(() -> {
                        go.await();
                        for (int k = 0; k < each; k++) {
                            socks.get(i).say(channel, "from " + i + " #" + k, "c" + i + "-" + k);
                        }
                        return null;
                    }));
                }
                go.countDown();
                for (Future<?> f : sent) {
                    f.get();
                }
            } finally {
                pool.shutdown();
            }
            Set<Long> reference = null;
            for (Sock s : socks) {
                List<Long> ids = new ArrayList<>();
                Set<String> texts = new HashSet<>();
                while (ids.size() < clients * each) {
                    JsonObject m = s.await("message").getJsonObject("message");
                    ids.add(m.getJsonNumber("id").longValue());
                    texts.add(m.getString("text"));
                }
                assertThat(ids).isSorted().doesNotHaveDuplicates();
                assertThat(texts).hasSize(clients * each);
                if (reference == null) {
                    reference = new HashSet<>(ids);
                } else {
                    assertThat(new HashSet<>(ids)).isEqualTo(reference);
                }
            }
            for (Sock s : socks) {
                s.assertSilentFor(Duration.ofMillis(50));
            }
            outsider.assertSilentFor(Duration.ofMillis(300));
        } finally {
            socks.forEach(Sock::close);
            outsider.close();
        }
    }

    @Test
    void fiftyClientsRacingForOneDisplayNameHaveOneWinner() throws Exception {
        String name = unique("Racer");
        List<Integer> statuses = allAtOnce(50, () -> {
            HttpResponse<String> r = client().postForm("/newuser", Map.of("displayname", name), true);
            return r.statusCode();
        });
        assertThat(statuses).filteredOn(s -> s == 201).hasSize(1);
        assertThat(statuses).filteredOn(s -> s == 409).hasSize(49);
    }

    @Test
    void fiftyClientsRacingForOneChannelNameHaveOneWinner() throws Exception {
        String channel = unique("Arena");
        List<Sock> socks = new ArrayList<>();
        try {
            for (int i = 0; i < 50; i++) {
                Sock s = loggedIn().socket();
                s.await("channels");
                socks.add(s);
            }
            AtomicInteger next = new AtomicInteger();
            allAtOnce(50, () -> {
                int i = next.getAndIncrement();
                socks.get(i).create(i % 2 == 0 ? channel : channel.toUpperCase());
                return i;
            });
            int refused = 0;
            for (Sock s : socks) {
                List<JsonObject> frames = new ArrayList<>(s.until(x -> x.getString("type").equals("channels")
                        && x.toString().toLowerCase().contains("\"" + channel.toLowerCase() + "\""), "the new list"));
                // A socket's requests are answered in order: the refusal of its create, if any,
                // comes before the answer to a join sent after it.
                s.send(frame("join").add("channel", unique("nowhere")));
                List<JsonObject> untilJoin = s.until(x -> x.getString("type").equals("error")
                        && x.getString("code").equals("no-such-channel"), "the answer to the join after the create");
                frames.addAll(untilJoin.subList(0, untilJoin.size() - 1));
                for (JsonObject f : frames) {
                    if (f.getString("type").equals("error")) {
                        assertThat(f.getString("code")).isEqualTo("channel-taken");
                        refused++;
                    }
                }
            }
            assertThat(refused).isEqualTo(49);
            try (Sock late = loggedIn().socket()) {
                long copies = late.await("channels").getJsonArray("channels").stream()
                        .filter(v -> v.asJsonObject().getString("name").equalsIgnoreCase(channel)).count();
                assertThat(copies).isEqualTo(1);
            }
        } finally {
            socks.forEach(Sock::close);
        }
    }

    @Test
    void aConnectionThatNeverReadsDoesNotHoldUpTheOthersAndIsClosed() throws Exception {
        String channel = unique("stall");
        int senders = 10;
        int each = 30;
        String text = "z".repeat(1000);
        List<Sock> socks = new ArrayList<>();
        try (Sock reader = loggedIn().socket()) {
            reader.create(channel);
            reader.join(channel);
            try (StalledClient stalled = new StalledClient(loggedIn(), channel)) {
                for (int i = 0; i < senders; i++) {
                    Sock s = loggedIn().socket();
                    s.join(channel);
                    socks.add(s);
                }
                for (int k = 0; k < each; k++) {
                    for (Sock s : socks) {
                        s.say(channel, text);
                    }
                    // paced under the rate limit (20 at once, then 10 a second per user)
                    if (k >= 15) {
                        Thread.sleep(100);
                    }
                }
                int received = 0;
                while (received < senders * each) {
                    reader.await("message");
                    received++;
                }
                assertThat(received).isEqualTo(senders * each);
                assertThat(stalled.closedByServerWithin(30_000)).as("the stalled connection was closed").isTrue();
            }
        } finally {
            socks.forEach(Sock::close);
        }
    }
}
