package chat.flack.domain;

import chat.flack.domain.ChatStore;
import chat.flack.domain.ChatStore.NewMessage;
import io.micrometer.core.instrument.Timer;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Stores messages on one thread, in the order they were submitted, committing whatever arrived
 * together in one transaction. {@code onCommitted} sees each committed batch, in order, before
 * any of its futures completes; a failed batch completes every future of it exceptionally.
 */
final class GroupCommitter {

    private static final Logger LOG = Logger.getLogger(GroupCommitter.class.getName());
    private static final int MAX_BATCH = 512;

    private final ChatStore store;
    private final Consumer<List<Message>> onCommitted;
    private final Timer commitTime;
    private final LinkedBlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final Thread thread;
    private volatile boolean stopping;

    GroupCommitter(ChatStore store, Consumer<List<Message>> onCommitted, Timer commitTime) {
        this.store = store;
        this.onCommitted = onCommitted;
        this.commitTime = commitTime;
        this.thread = new Thread(this::run, "flack-committer");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    CompletableFuture<Message> submit(NewMessage message) {
        Pending p = new Pending(message, new CompletableFuture<>());
        if (stopping) {
            p.result.completeExceptionally(new ChatException(ErrorCode.UNAVAILABLE));
        } else {
            queue.add(p);
        }
        return p.result;
    }

    /** Stores what was submitted before this call, then stops the thread. */
    void stop() throws InterruptedException {
        stopping = true;
        queue.add(Pending.POISON);
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
        List<Message> stored;
        long start = System.nanoTime();
        try {
            stored = store.insertMessages(rows);
            commitTime.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Could not store " + batch.size() + " message(s): " + e.getMessage());
            ChatException unavailable = new ChatException(ErrorCode.UNAVAILABLE, e);
            batch.forEach(p -> p.result.completeExceptionally(unavailable));
            return;
        }
        try {
            onCommitted.accept(stored);
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "Stored messages could not be handed on", e);
        }
        for (int i = 0; i < batch.size(); i++) {
            batch.get(i).result.complete(stored.get(i));
        }
    }

    private record Pending(NewMessage message, CompletableFuture<Message> result) {
        static final Pending POISON = new Pending(null, null);
    }
}
