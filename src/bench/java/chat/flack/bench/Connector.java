package chat.flack.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Connects many clients at once, at most {@code concurrency} logins and handshakes in flight, and
 * times how long it took until every one of them was in the channel.
 */
final class Connector {

    private final Target target;
    private final int concurrency;
    private final Duration timeout;

    Connector(Target target, int concurrency, Duration timeout) {
        this.target = target;
        this.concurrency = concurrency;
        this.timeout = timeout;
    }

    /** The clients of a batch that made it, those that did not, and the time from start to the last join. */
    record Batch(List<Client> connected, List<Client> failed, long millis, String firstFailure) {
    }

    /**
     * Connects the clients that create the channels, then waits until every node of the target
     * knows every channel; the batch's time includes the wait, and a node that never learns of a
     * channel fails them all.
     */
    Batch connectCreators(List<Client> creators) {
        Batch b = connect(creators);
        if (!b.failed().isEmpty()) {
            return b;
        }
        long start = System.nanoTime();
        try {
            CompletableFuture.allOf(creators.stream().map(target::channelOnEveryNode).toArray(CompletableFuture[]::new))
                    .get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (ExecutionException | TimeoutException e) {
            return new Batch(List.of(), creators, b.millis(), describe(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Batch(List.of(), creators, b.millis(), "interrupted");
        }
        return new Batch(b.connected(), b.failed(), b.millis() + (System.nanoTime() - start) / 1_000_000, null);
    }

    Batch connect(List<Client> clients) {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        Semaphore permits = new Semaphore(concurrency);
        AtomicLong lastJoin = new AtomicLong(start);
        AtomicReference<String> firstFailure = new AtomicReference<>();
        List<CompletableFuture<Void>> pending = new ArrayList<>(clients.size());
        for (Client client : clients) {
            if (!acquire(permits, deadline)) {
                firstFailure.compareAndSet(null, "timed out before starting every connection");
                break;
            }
            CompletableFuture<Void> f = target.open(client)
                    .thenCompose(x -> client.joined)
                    .orTimeout(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            f.whenComplete((x, failure) -> {
                permits.release();
                if (failure == null) {
                    lastJoin.accumulateAndGet(System.nanoTime(), Math::max);
                } else {
                    firstFailure.compareAndSet(null, describe(failure));
                }
            });
            pending.add(f);
        }
        try {
            CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new))
                    .get(Math.max(1, deadline - System.nanoTime()) + 1_000_000_000L, TimeUnit.NANOSECONDS);
        } catch (ExecutionException | TimeoutException e) {
            // the failed ones are sorted out below
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<Client> connected = new ArrayList<>();
        List<Client> failed = new ArrayList<>();
        for (int i = 0; i < clients.size(); i++) {
            Client c = clients.get(i);
            boolean ok = i < pending.size() && pending.get(i).isDone() && !pending.get(i).isCompletedExceptionally();
            (ok ? connected : failed).add(c);
        }
        long millis = (lastJoin.get() - start) / 1_000_000;
        return new Batch(connected, failed, millis, firstFailure.get());
    }

    private static boolean acquire(Semaphore permits, long deadline) {
        try {
            return permits.tryAcquire(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static String describe(Throwable failure) {
        Throwable t = failure;
        while ((t instanceof CompletionException || t instanceof ExecutionException)
                && t.getCause() != null) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
    }
}
