package chat.flack.domain;

import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The one thread on which the channel pages and the membership sets change, in the order the
 * tasks arrive: a join registered here sees each message either in its page or as a frame.
 * A failing task is logged and the next one runs. Requests that would add a task while more
 * than a bound of them wait are refused ({@link #requireRoom}), so the queue stays bounded
 * without ever dropping a task already accepted (the broadcast of a stored message).
 */
final class Sequencer implements Executor {

    private static final Logger LOG = Logger.getLogger(Sequencer.class.getName());

    private final int maxWaiting;
    private final ThreadPoolExecutor thread;

    Sequencer(int maxWaiting, ThreadFactory threads) {
        this.maxWaiting = maxWaiting;
        this.thread = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(), threads);
    }

    /** Runs {@code task} on the sequencer, after every task handed over before it. */
    @Override
    public void execute(Runnable task) {
        thread.execute(() -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.log(Level.SEVERE, "A sequenced task failed", e);
            }
        });
    }

    /** Refuses ({@code unavailable}) a request that would add work while too much of it waits. */
    void requireRoom() {
        if (thread.getQueue().size() > maxWaiting) {
            throw new ChatException(ErrorCode.UNAVAILABLE);
        }
    }

    /** Runs what was handed over, then stops; waits at most {@code millis}. */
    void stop(long millis) throws InterruptedException {
        thread.shutdown();
        thread.awaitTermination(millis, TimeUnit.MILLISECONDS);
    }
}
