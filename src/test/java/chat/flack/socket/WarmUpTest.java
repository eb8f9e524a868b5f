package chat.flack.socket;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;

/** The warm-up at start goes through the real broadcasters and connections, and none of its deliveries is lost. */
class WarmUpTest {

    private final Broadcaster[] broadcasters = {new Broadcaster(0), new Broadcaster(1)};
    private final ExecutorService encoders = Executors.newFixedThreadPool(2);
    private final ExecutorService closer = Executors.newSingleThreadExecutor();

    @AfterEach
    void stop() throws InterruptedException {
        for (Broadcaster b : broadcasters) {
            b.stop(5_000);
        }
        encoders.shutdownNow();
        closer.shutdownNow();
    }

    @Test
    void everyMadeUpMessageReachesEveryMadeUpConnection() throws InterruptedException {
        long frames = WarmUp.run(broadcasters, encoders, closer, 30_000);

        assertThat(frames).isEqualTo((long) WarmUp.RECEIVERS * WarmUp.MESSAGES);
    }
}
