package chat.flack.it;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Undeploying Flack leaves nothing of it behind in Tomcat: every thread it started has ended and
 * its JDBC drivers are deregistered, so Tomcat has no leak to warn about when the WAR is
 * redeployed (as an operator does to upgrade).
 */
class RedeployProcessIT {

    /** Tomcat's words (WebappClassLoaderBase.clearReferencesThreads / clearReferencesJdbc) for what an application left behind. */
    private static final Pattern LEAK = Pattern.compile(
            "appears to have started a thread named \\[[^]]*] but has failed to stop it"
                    + "|registered the JDBC driver \\[[^]]*] but failed to unregister it");
    private static final Pattern DEPLOYED = Pattern.compile("Deployment of web application archive \\[[^]]*ROOT\\.war] has finished");

    @Test
    void aRedeployOnTheEmbeddedDatabaseLeavesNoThreadOrDriverBehind() throws Exception {
        String name = ServerIT.unique("redeploy");
        redeployWithoutLeaks(name, Map.of("FLACK_DATA_DIR", TomcatProcess.dataDir(name).toString(),
                "FLACK_DB_URL", "jdbc:h2:" + TomcatProcess.dataDir(name).resolve("flack")));
    }

    @Test
    void aRedeployOfANodeOfSeveralStopsTheRelayAndPoolThreadsToo() throws Exception {
        String pg = TestPostgres.url("A redeploy of a node of several");
        String name = ServerIT.unique("redeploy-cluster");
        try (RedisProcess redis = new RedisProcess(name + "-redis")) {
            redis.start();
            Map<String, String> env = new HashMap<>();
            env.put("FLACK_DATA_DIR", TomcatProcess.dataDir(name).toString());
            env.put("FLACK_DB_URL", pg);
            env.put("FLACK_REDIS_URL", redis.url());
            redeployWithoutLeaks(name, env);
        }
    }

    private static void redeployWithoutLeaks(String name, Map<String, String> env) throws Exception {
        try (TomcatProcess tomcat = new TomcatProcess(name, env, true)) {
            tomcat.start();
            Client c = new Client(tomcat.url());
            c.login(ServerIT.unique("user"));
            try (Sock s = c.socket()) {
                String channel = ServerIT.unique("Redeployed");
                s.create(channel);
                s.join(channel);
                s.say(channel, "before the redeploy");
                s.await("message");
                tomcat.redeploy();
                await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250))
                        .until(() -> DEPLOYED.matcher(tomcat.console()).results().count() == 2);
            }
            tomcat.awaitHealth(200);
            String console = tomcat.console();
            assertThat(console).contains("Flack stopped: every accepted message is stored");
            assertThat(LEAK.matcher(console).results().map(m -> m.group()).toList()).as("leak warnings").isEmpty();
        }
    }
}
