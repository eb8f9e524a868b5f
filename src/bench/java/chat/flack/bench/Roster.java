package chat.flack.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * The names of one run's clients and channels (fresh for every run, so runs never collide), and
 * the clean-up after it: every client's session is ended so that the server holds nothing of the
 * run afterwards and the next run measures from the same start.
 */
final class Roster {

    /** The smallest six-digit number in base 36: run ids are six base-36 digits. */
    private static final long SIX_DIGITS = 36L * 36 * 36 * 36 * 36;
    private final String id = Long.toString(ThreadLocalRandom.current().nextLong(SIX_DIGITS, 36 * SIX_DIGITS), 36);
    private final int concurrency;

    Roster(int concurrency) {
        this.concurrency = concurrency;
    }

    /** A display name like {@code b3k9xq-r17}: at most 20 characters, all allowed by PROTOCOL.md. */
    String name(String role, int index) {
        return "b" + id + "-" + role + index;
    }

    /** What every benchmark channel's name begins with. */
    static final String CHANNEL_PREFIX = "bench-";

    /**
     * The run's {@code count} channels, {@code bench-<run id>-0} to {@code bench-<run id>-<count - 1>},
     * shared by {@code senders} senders.
     */
    List<Channel> channels(int count, int senders) {
        List<Channel> channels = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            channels.add(new Channel(CHANNEL_PREFIX + id + "-" + i, i, count, senders));
        }
        return List.copyOf(channels);
    }

    /** Ends the clients' sessions, {@code concurrency} at a time, within a minute, then drops any socket left. */
    void release(Target target, List<Client> clients) {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        Semaphore permits = new Semaphore(concurrency);
        CompletableFuture<?>[] pending = new CompletableFuture<?>[clients.size()];
        int started = 0;
        for (Client c : clients) {
            try {
                if (!permits.tryAcquire(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                    break;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            pending[started++] = target.release(c).whenComplete((x, e) -> permits.release());
        }
        try {
            CompletableFuture.allOf(Arrays.copyOf(pending, started))
                    .get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (Exception e) {
            Progress.say("not every client was logged out: %s", e);
        }
        clients.forEach(Client::abort);
    }
}
