package chat.flack.relay;

import chat.flack.it.RedisProcess;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Closing the relay ends every thread Lettuce and Netty started for it before {@code close}
 * returns. Tomcat looks for an undeployed application's threads right after its listeners
 * have run, and warns of a leak for any still alive, even one that was only finishing.
 */
class RedisRelayCloseTest {

    @Test
    void closeReturnsOnlyAfterEveryLettuceThreadHasEnded() throws Exception {
        try (RedisProcess redis = new RedisProcess("relay-close")) {
            redis.start();
            for (int round = 0; round < 100; round++) {
                RedisRelay relay = new RedisRelay(redis.url());
                relay.start(event -> { }, () -> { });
                await("relay up").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(10)).until(relay::isUp);
                relay.close();
                assertThat(liveLettuceThreads()).as("threads alive after close, round " + round).isEmpty();
            }
        }
    }

    private static List<String> liveLettuceThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(name -> name.startsWith("lettuce-") || name.startsWith("flack-relay")).toList();
    }
}
