package chat.flack.config;

import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads of one part of Flack, remembered until they have ended, so that the part's stop
 * can wait until they are gone. A pool's {@code awaitTermination} (and Netty's termination
 * future) returns while its last threads are still returning from their work: on these machines
 * in about one stop in six. Tomcat looks for an undeployed application's live threads right
 * after its listeners have run, and warns of each it finds as a leak.
 */
public final class Threads {

    private final Queue<Thread> made = new ConcurrentLinkedQueue<>();

    /** Makes daemon threads named {@code name-1}, {@code name-2}, ... */
    public ThreadFactory daemons(String name) {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread t = new Thread(task, name + "-" + count.incrementAndGet());
            t.setDaemon(true);
            return kept(t);
        };
    }

    /** Makes the threads {@code factory} makes. */
    public ThreadFactory keeping(ThreadFactory factory) {
        return task -> kept(factory.newThread(task));
    }

    /** Remembers {@code thread}, made by a factory of another shape (a fork-join pool's). */
    public <T extends Thread> T kept(T thread) {
        made.removeIf(t -> t.getState() == Thread.State.TERMINATED);
        made.add(thread);
        return thread;
    }

    /** Waits until every thread made here has ended, or {@code patience} has passed. */
    public void awaitEnded(Duration patience) {
        long deadline = System.nanoTime() + patience.toNanos();
        try {
            for (Thread t : made) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0) {
                    return;
                }
                t.join(left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
