package chat.flack.socket;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One thread that queues broadcasts on its share of the connections (those whose
 * {@code slot} is its own). It takes every broadcast waiting at once, queues each frame on
 * each of its receivers, and then starts each receiver's sending once; a start never waits on
 * the socket (see {@link Connection}).
 */
final class Broadcaster {

    private static final Logger LOG = Logger.getLogger(Broadcaster.class.getName());
    private static final int MAX_JOBS = 256;
    /**
     * Broadcasts waiting for this thread past which the sequencer waits to hand over more: the
     * work here is copying into buffers, never a wait on a socket, so the wait is short and the
     * queue bounded.
     */
    private static final int MAX_WAITING = 4096;

    private final int slot;
    private final LinkedBlockingQueue<Job> jobs = new LinkedBlockingQueue<>(MAX_WAITING);
    private final Thread thread;
    private long epoch;

    Broadcaster(int slot) {
        this.slot = slot;
        this.thread = new Thread(this::run, "flack-broadcast-" + slot);
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /** Sends {@code frame} to those of {@code receivers} that are this broadcaster's. */
    void send(Connection[] receivers, Frame frame) {
        try {
            jobs.put(new Job(receivers, frame, null));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Waits until every broadcast handed over before this call has been sent. */
    boolean awaitSent(long timeoutNanos) throws InterruptedException {
        CountDownLatch done = new CountDownLatch(1);
        jobs.put(new Job(null, null, done));
        return done.await(timeoutNanos, TimeUnit.NANOSECONDS);
    }

    /** Ends the thread and waits (at most {@code millis}) until it has ended. */
    void stop(long millis) throws InterruptedException {
        thread.interrupt();
        thread.join(millis);
    }

    private void run() {
        List<Job> batch = new ArrayList<>(MAX_JOBS);
        List<Connection> touched = new ArrayList<>();
        while (true) {
            try {
                batch.add(jobs.take());
            } catch (InterruptedException e) {
                return;
            }
            jobs.drainTo(batch, MAX_JOBS - 1);
            epoch++;
            try {
                for (Job job : batch) {
                    if (job.receivers == null) {
                        continue;
                    }
                    for (Connection c : job.receivers) {
                        if (c.slot == slot && c.enqueue(job.frame) && c.broadcastEpoch != epoch) {
                            c.broadcastEpoch = epoch;
                            touched.add(c);
                        }
                    }
                }
                for (Connection c : touched) {
                    c.send();
                }
            } catch (RuntimeException e) {
                LOG.log(Level.SEVERE, "A broadcast failed", e);
            }
            for (Job job : batch) {
                if (job.done != null) {
                    job.done.countDown();
                }
            }
            batch.clear();
            touched.clear();
        }
    }

    private record Job(Connection[] receivers, Frame frame, CountDownLatch done) {
    }
}
