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
 * each of its receivers, and then starts each receiver's sending once, so the frames of one
 * round leave each connection in one write; a start never waits on the socket (see
 * {@link Connection}). A write costs about the same for one frame as for several (the system
 * call, and the peer's wake-up, are most of it), so when the thread is busy more than half the
 * time it gathers broadcasts for as long as its last round took (at most {@link #MAX_GATHER_NANOS})
 * before it starts the next: a busy channel then pays one write per connection for several
 * messages, and a calm one (rounds far apart) pays no wait at all.
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
    /** The longest a broadcast waits for others to leave with it. */
    private static final long MAX_GATHER_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

    private final LinkedBlockingQueue<Job> jobs = new LinkedBlockingQueue<>(MAX_WAITING);
    private final Thread thread;
    private long epoch;

    Broadcaster(int slot) {
        this.thread = new Thread(this::run, "flack-broadcast-" + slot);
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /** Sends {@code frame} to {@code receivers}, all of them this broadcaster's (of its slot). */
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
        long lastEnd = 0;
        long lastTook = 0;
        while (true) {
            try {
                batch.add(jobs.take());
                long now = System.nanoTime();
                if (now - lastEnd < lastTook) {
                    gather(batch, now + Math.min(lastTook, MAX_GATHER_NANOS));
                } else {
                    jobs.drainTo(batch, MAX_JOBS - 1);
                }
            } catch (InterruptedException e) {
                return;
            }
            long start = System.nanoTime();
            epoch++;
            try {
                for (Job job : batch) {
                    if (job.receivers == null) {
                        continue;
                    }
                    for (Connection c : job.receivers) {
                        if (c.enqueue(job.frame) && c.broadcastEpoch != epoch) {
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
            lastEnd = System.nanoTime();
            lastTook = lastEnd - start;
        }
    }

    /** Adds the broadcasts that come until {@code deadline}; a wait for them to be sent ends it at once. */
    private void gather(List<Job> batch, long deadline) throws InterruptedException {
        while (batch.size() < MAX_JOBS && batch.get(batch.size() - 1).done == null) {
            Job next = jobs.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (next == null) {
                return;
            }
            batch.add(next);
        }
    }

    private record Job(Connection[] receivers, Frame frame, CountDownLatch done) {
    }
}
