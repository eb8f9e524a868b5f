package chat.flack.it;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.net.HttpCookie;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Flack in a Tomcat process of its own, stopped gracefully or killed, then started again. */
class RestartProcessIT {

    /** The environment of a Flack process: its own data folder, and PostgreSQL when the run is for it. */
    static Map<String, String> flackEnv(String name) {
        Map<String, String> env = new HashMap<>();
        env.put("FLACK_DATA_DIR", TomcatProcess.dataDir(name).toString());
        String pg = System.getProperty("flack.db.url");
        if (pg != null && !pg.isBlank()) {
            env.put("FLACK_DB_URL", pg);
        }
        return env;
    }

    /** A client of the new process that carries the cookies of {@code old}. */
    static Client sameBrowser(Client old, TomcatProcess process) throws Exception {
        Client c = new Client(process.url());
        for (HttpCookie cookie : old.cookies.getCookieStore().getCookies()) {
            c.cookies.getCookieStore().add(URI.create(process.url().toString()), cookie);
        }
        return c;
    }

    static List<Long> ids(JsonObject history) {
        return history.getJsonArray("messages").getValuesAs(JsonObject.class).stream()
                .map(m -> m.getJsonNumber("id").longValue()).toList();
    }

    @Test
    void aGracefulRestartKeepsUsersChannelsMessagesAndLogins() throws Exception {
        String name = ServerIT.unique("restart");
        try (TomcatProcess tomcat = new TomcatProcess(name, flackEnv(name))) {
            tomcat.start();
            Client alice = new Client(tomcat.url());
            String user = alice.login(ServerIT.unique("Alice"));
            String channel = ServerIT.unique("Lasting");
            List<Long> sent = new ArrayList<>();
            try (Sock s = alice.socket()) {
                s.create(channel);
                s.join(channel);
                for (int i = 0; i < 5; i++) {
                    s.say(channel, "before " + i);
                    sent.add(s.await("message").getJsonObject("message").getJsonNumber("id").longValue());
                }
            }
            tomcat.stop();
            tomcat.start();

            Client again = sameBrowser(alice, tomcat);
            assertThat(again.get("/chat.html").statusCode()).as("still logged in").isEqualTo(200);
            assertThat(HttpContractIT.json(again.get("/checkdispname?name=" + user)).getBoolean("available")).isFalse();
            try (Sock s = again.socket()) {
                JsonObject channels = s.await("channels");
                assertThat(channels.toString()).contains("\"" + channel + "\"");
                JsonObject history = s.join(channel);
                assertThat(ids(history)).containsExactlyElementsOf(sent);
                s.say(channel, "after");
                JsonObject m = s.await("message").getJsonObject("message");
                assertThat(m.getJsonNumber("id").longValue()).isGreaterThan(sent.get(sent.size() - 1));
                assertThat(m.getString("user")).isEqualTo(user);
            }
        }
    }

    @Test
    void everyAcknowledgedMessageAndChangeSurvivesAKill() throws Exception {
        String name = ServerIT.unique("crash");
        try (TomcatProcess tomcat = new TomcatProcess(name, flackEnv(name))) {
            tomcat.start();
            Client bob = new Client(tomcat.url());
            bob.login(ServerIT.unique("Bob"));
            String channel = ServerIT.unique("Durable");
            List<Long> acknowledged = new ArrayList<>();
            try (Sock s = bob.socket()) {
                s.create(channel);
                s.join(channel);
                // 16 messages and 3 changes: within the send budget's burst of 20
                for (int i = 0; i < 16; i++) {
                    s.say(channel, "acked " + i, "k" + i);
                }
                for (int i = 0; i < 16; i++) {
                    acknowledged.add(s.await("message").getJsonObject("message").getJsonNumber("id").longValue());
                }
                s.send(Sock.frame("edit").add("channel", channel).add("id", acknowledged.get(0)).add("text", "edited"));
                s.send(Sock.frame("react").add("channel", channel).add("id", acknowledged.get(1)).add("emoji", "🎉")
                        .add("on", true));
                s.send(Sock.frame("delete").add("channel", channel).add("id", acknowledged.get(2)));
                for (int i = 0; i < 3; i++) {
                    s.await("update");
                }
                tomcat.kill();
            }
            tomcat.start();

            Client again = sameBrowser(bob, tomcat);
            try (Sock s = again.socket()) {
                JsonObject history = s.join(channel);
                assertThat(ids(history)).containsExactlyElementsOf(acknowledged);
                List<JsonObject> messages = history.getJsonArray("messages").getValuesAs(JsonObject.class);
                assertThat(messages.get(0).getString("text")).as("an acknowledged edit").isEqualTo("edited");
                assertThat(messages.get(0).isNull("edited")).isFalse();
                assertThat(messages.get(1).getJsonArray("reactions").toString()).as("an acknowledged reaction")
                        .contains("🎉");
                assertThat(messages.get(2).getBoolean("deleted")).as("an acknowledged deletion").isTrue();
                s.say(channel, "acked 3", "k3");
                assertThat(s.await("message").getJsonObject("message").getJsonNumber("id").longValue())
                        .as("a resend after the crash is answered with the stored message")
                        .isEqualTo(acknowledged.get(3));
            }
        }
    }

    @Test
    void aStopClosesSocketsWith1001AfterStoringAndResendsLoseAndDoubleNothing() throws Exception {
        String name = ServerIT.unique("stop");
        try (TomcatProcess tomcat = new TomcatProcess(name, flackEnv(name))) {
            tomcat.start();
            Client carl = new Client(tomcat.url());
            carl.login(ServerIT.unique("Carl"));
            String channel = ServerIT.unique("Moving");
            Set<Long> acknowledged = new HashSet<>();
            List<String> acknowledgedTexts = new ArrayList<>();
            try (Sock s = carl.socket()) {
                s.create(channel);
                s.join(channel);
                for (int i = 0; i < 20; i++) {
                    s.say(channel, "m" + i, "id" + i);
                }
                tomcat.stop();
                assertThat(s.awaitClose()).isEqualTo(1001);
                for (JsonObject f : s.collectUntilQuietFor(Duration.ofMillis(100))) {
                    if (f.getString("type").equals("message")) {
                        acknowledged.add(f.getJsonObject("message").getJsonNumber("id").longValue());
                        acknowledgedTexts.add(f.getJsonObject("message").getString("text"));
                    }
                }
            }
            tomcat.start();
            try (Sock s = sameBrowser(carl, tomcat).socket()) {
                assertThat(ids(s.join(channel))).containsAll(acknowledged);
                for (int i = 0; i < 20; i++) {
                    s.say(channel, "m" + i, "id" + i);
                    s.await("message");
                }
                // The send budget spent on new messages, up to the first refusal: a resend now
                // would be refused as rate-limited, but a resend of a stored message is answered with it.
                int sentNew = 0;
                for (boolean refused = false; !refused; ) {
                    s.say(channel, "n" + sentNew, "new" + sentNew);
                    JsonObject answer = s.await(f -> f.getString("type").equals("message")
                            || f.getString("type").equals("error"), "message or refusal");
                    refused = answer.getString("type").equals("error");
                    if (refused) {
                        assertThat(answer.getString("code")).isEqualTo("rate-limited");
                    } else {
                        sentNew++;
                    }
                }
                for (String text : acknowledgedTexts) {
                    s.say(channel, text, "id" + text.substring(1));
                    assertThat(s.await("message").getJsonObject("message").getString("text")).isEqualTo(text);
                }
                List<String> texts = s.join(channel).getJsonArray("messages").getValuesAs(JsonObject.class)
                        .stream().map(m -> m.getString("text")).toList();
                assertThat(texts).hasSize(20 + sentNew).doesNotHaveDuplicates();
            }
        }
    }
}
