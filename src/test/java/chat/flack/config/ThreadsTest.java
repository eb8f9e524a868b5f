package chat.flack.config;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * After a pool has terminated, {@link Threads#awaitEnded} returns only when its threads are
 * gone; without it, a thread was still alive after {@code awaitTermination} in about one round
 * in six here.
 */
class ThreadsTest {

    @Test
    void noThreadOfATerminatedPoolIsAliveOnceAwaitEndedReturns() throws Exception {
        for (int round = 0; round < 200; round++) {
            String name = "threads-test-" + round;
            Threads threads = new Threads();
            ExecutorService pool = Executors.newFixedThreadPool(4, threads.daemons(name));
            for (int i = 0; i < 8; i++) {
                pool.execute(() -> { });
            }
            pool.shutdown();
            assertThat(pool.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
            threads.awaitEnded(Duration.ofSeconds(5));
            assertThat(alive(name + "-")).as("round " + round).isEmpty();
        }
    }

    @Test
    void aForkJoinPoolsThreadsAndThoseOfAnotherFactoryAreWaitedForToo() throws Exception {
        Threads threads = new Threads();
        ForkJoinPool forkJoin = new ForkJoinPool(2, pool -> {
            ForkJoinWorkerThread t = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(pool);
            t.setName("threads-test-fork-join");
            return threads.kept(t);
        }, null, true);
        ExecutorService other = Executors.newSingleThreadExecutor(threads.keeping(task -> new Thread(task,
                "threads-test-other")));
        forkJoin.submit(() -> { }).get();
        other.submit(() -> { }).get();
        forkJoin.shutdown();
        other.shutdown();
        threads.awaitEnded(Duration.ofSeconds(5));
        assertThat(alive("threads-test-fork-join")).isEmpty();
        assertThat(alive("threads-test-other")).isEmpty();
    }

    private static List<Thread> alive(String name) {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().startsWith(name))
                .filter(Thread::isAlive).toList();
    }
}
