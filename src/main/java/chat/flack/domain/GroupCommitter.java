package chat.flack.domain;

import chat.flack.domain.ChatStore.Inserted;
import chat.flack.domain.ChatStore.NewMessage;
import io.micrometer.core.instrument.Timer;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Stores messages on one thread, in the order they were submitted, committing whatever arrived
 * together in one transaction. {@code onCommitted} sees the newly stored messages of each
 * committed batch, in order, before any of its futures completes; a failed batch completes
 * every future of it exceptionally. A commit whose outcome is unknown (the connection broke
 * during COMMIT) is resolved by looking each message up: what was stored counts as stored.
 */
final class GroupCommitter {

    private static final Logger LOG = Logger.getLogger(GroupCommitter.class.getName());
    private static final int MAX_BATCH = 512;
    private static final int RESOLVE_ATTEMPTS = 5;
    private static final long RESOLVE_PAUSE_MILLIS = 500;

    private final ChatStore store;
    private final Consumer<List<Inserted>> onCommitted;
    private final Timer commitTime;
    /** Messages waiting to be stored; past this many (a database far slower than the senders), {@code unavailable}. */
    private static final int MAX_WAITING = 20_000;
    /**
     * The previous id of a message whose commit was confirmed only by finding it afterwards:
     * not known, so whoever delivers it reads its channel from the store up to it.
     */
    static final long UNKNOWN_PREVIOUS = -1;
    private final LinkedBlockingQueue<Pending> queue = new LinkedBlockingQueue<>(MAX_WAITING);
    private final Thread thread;
    private volatile boolean stopping;

    GroupCommitter(ChatStore store, Consumer<List<Inserted>> onCommitted, Timer commitTime) {
        this.store = store;
        this.onCommitted = onCommitted;
        this.commitTime = commitTime;
        this.thread = new Thread(this::run, "flack-committer");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    CompletableFuture<Inserted> submit(NewMessage message) {
        Pending p = new Pending(message, new CompletableFuture<>());
        if (stopping || !queue.offer(p)) {
            p.result.completeExceptionally(new ChatException(ErrorCode.UNAVAILABLE));
        }
        return p.result;
    }

    /** Stores what was submitted before this call, then stops the thread. */
    void stop() throws InterruptedException {
        stopping = true;
        queue.put(Pending.POISON);
        thread.join(30_000);
    }

    private void run() {
        List<Pending> batch = new ArrayList<>(MAX_BATCH);
        while (true) {
            try {
                batch.add(queue.take());
                queue.drainTo(batch, MAX_BATCH - 1);
            } catch (InterruptedException e) {
                return;
            }
            boolean last = batch.remove(Pending.POISON);
            if (!batch.isEmpty()) {
                commit(batch);
            }
            batch.clear();
            if (last) {
                return;
            }
        }
    }

    private void commit(List<Pending> batch) {
        List<NewMessage> rows = new ArrayList<>(batch.size());
        batch.forEach(p -> rows.add(p.message));
        List<Inserted> stored;
        long start = System.nanoTime();
        try {
            stored = store.insertMessages(rows);
            commitTime.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        } catch (StoreException e) {
            stored = e.outcomeUnknown() ? resolve(rows) : null;
            if (stored == null) {
                LOG.log(Level.WARNING, "Could not store " + batch.size() + " message(s): " + e.getMessage());
                ChatException unavailable = new ChatException(ErrorCode.UNAVAILABLE, e);
                batch.forEach(p -> p.result.completeExceptionally(unavailable));
                return;
            }
        }
        List<Inserted> fresh = new ArrayList<>(stored.size());
        stored.stream().filter(i -> !i.existed()).forEach(fresh::add);
        try {
            onCommitted.accept(fresh);
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "Stored messages could not be handed on", e);
        }
        for (int i = 0; i < batch.size(); i++) {
            batch.get(i).result.complete(stored.get(i));
        }
    }

    /**
     * After a commit that may or may not have happened: all of the batch was stored (found, and
     * then new to everybody else), or none of it (null). One transaction, so never a part.
     */
    private List<Inserted> resolve(List<NewMessage> rows) {
        for (int attempt = 1; attempt <= RESOLVE_ATTEMPTS; attempt++) {
            try {
                Optional<Message> first = store.findStored(rows.get(0));
                if (first.isEmpty()) {
                    return null;
                }
                List<Inserted> found = new ArrayList<>(rows.size());
                for (NewMessage row : rows) {
                    found.add(new Inserted(store.findStored(row).orElseThrow(() -> new StoreException(
                            "a committed batch is missing a message", null)), false, UNKNOWN_PREVIOUS));
                }
                LOG.info("A commit that was not confirmed had stored its " + rows.size() + " message(s)");
                return found;
            } catch (StoreException e) {
                LOG.fine("Cannot yet tell whether a commit happened: " + e.getMessage());
                sleepQuietly(RESOLVE_PAUSE_MILLIS * attempt);
            }
        }
        return null;
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private record Pending(NewMessage message, CompletableFuture<Inserted> result) {
        static final Pending POISON = new Pending(null, null);
    }
}
