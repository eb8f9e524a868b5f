package chat.flack.domain;

import chat.flack.domain.ChatStore.StoredChannel;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Each channel's position as this node has delivered it (the id of the newest message shown
 * to its sockets), and the rule for every stored message that reaches the node, its own or
 * another node's: shown if it comes right after the position, dropped if the position is past
 * it, and otherwise held for a short grace in which the messages before it usually arrive
 * (two nodes writing one channel see each other's messages a little late); a gap still open
 * after the grace is read from the store from the position on. So every message is shown
 * once, in id order, whatever the relay lost, doubled or reordered, and a busy channel on
 * several nodes is not read from the store at every interleaving. Messages that arrive while
 * a channel is read are held and taken after it.
 * Thread-safety: everything but the read runs on the chat's sequencer.
 */
final class Positions {

    private static final Logger LOG = Logger.getLogger(Positions.class.getName());
    /** Messages read at once when catching up; more are read in further rounds. */
    static final int READ_LIMIT = 500;
    private static final long RETRY_MILLIS = 1_000;
    /** How long a gap waits for the messages before it to arrive by themselves. */
    static final long GRACE_MILLIS = 250;

    /** The stored messages of a channel after an id, oldest first, at most {@link #READ_LIMIT}. */
    interface Reader {
        List<Message> after(StoredChannel channel, long afterId);
    }

    private final Reader reader;
    private final Executor readers;
    private final Executor sequencer;
    private final Executor afterGrace;
    private final Runnable counted;
    private final BiConsumer<StoredChannel, Message> deliver;
    private final Map<Long, Long> delivered = new HashMap<>();
    private final Map<Long, List<MessageStored>> held = new HashMap<>();
    private final Map<Long, Gap> gaps = new HashMap<>();

    /** The messages of a channel that came after a gap, by the id of the message before each. */
    private static final class Gap {
        final Map<Long, MessageStored> byPrevious = new HashMap<>();
    }

    /**
     * @param afterGrace runs a task on the sequencer {@link #GRACE_MILLIS} later
     * @param counted runs once for every read from the store
     * @param deliver shows a message to this node's sockets; called on the sequencer, in order
     */
    Positions(Reader reader, Executor readers, Executor sequencer, Executor afterGrace, Runnable counted,
              BiConsumer<StoredChannel, Message> deliver) {
        this.reader = reader;
        this.readers = readers;
        this.sequencer = sequencer;
        this.afterGrace = afterGrace;
        this.counted = counted;
        this.deliver = deliver;
    }

    /** Sets a channel's position as read at start or at its creation, unless known already. */
    void known(StoredChannel channel, long position) {
        delivered.putIfAbsent(channel.id(), position);
    }

    /** The position of a channel: the id of the newest message delivered, 0 before any. */
    long position(StoredChannel channel) {
        return delivered.getOrDefault(channel.id(), 0L);
    }

    /** Takes a message just stored, by this node or another. */
    void stored(MessageStored event) {
        long channel = event.channel().id();
        List<MessageStored> waiting = held.get(channel);
        if (waiting != null) {
            waiting.add(event);
            return;
        }
        long at = delivered.getOrDefault(channel, 0L);
        if (event.message().id() <= at) {
            return;
        }
        Gap gap = gaps.get(channel);
        if (event.previousId() == at) {
            delivered.put(channel, event.message().id());
            deliver.accept(event.channel(), event.message());
            if (gap != null) {
                fill(event.channel(), gap);
            }
            return;
        }
        if (gap == null) {
            Gap opened = new Gap();
            gaps.put(channel, opened);
            afterGrace.execute(() -> graceOver(event.channel(), opened));
            gap = opened;
        }
        gap.byPrevious.put(event.previousId(), event);
    }

    /** Learns that the store holds a channel up to {@code storedPosition}; reads what this node lacks. */
    void storedUpTo(StoredChannel channel, long storedPosition) {
        if (!held.containsKey(channel.id()) && !gaps.containsKey(channel.id())
                && storedPosition > delivered.getOrDefault(channel.id(), 0L)) {
            catchUp(channel, new ArrayList<>());
        }
    }

    private void fill(StoredChannel channel, Gap gap) {
        long at = delivered.get(channel.id());
        for (MessageStored next = gap.byPrevious.remove(at); next != null; next = gap.byPrevious.remove(at)) {
            at = next.message().id();
            delivered.put(channel.id(), at);
            deliver.accept(channel, next.message());
        }
        long position = at;
        gap.byPrevious.values().removeIf(e -> e.message().id() <= position);
        if (gap.byPrevious.isEmpty()) {
            gaps.remove(channel.id());
        }
    }

    private void graceOver(StoredChannel channel, Gap gap) {
        if (gaps.get(channel.id()) != gap) {
            return;
        }
        gaps.remove(channel.id());
        List<MessageStored> waiting = new ArrayList<>(gap.byPrevious.values());
        waiting.sort((a, b) -> Long.compare(a.message().id(), b.message().id()));
        catchUp(channel, waiting);
    }

    private void catchUp(StoredChannel channel, List<MessageStored> waiting) {
        held.put(channel.id(), waiting);
        long from = delivered.getOrDefault(channel.id(), 0L);
        counted.run();
        readers.execute(() -> {
            try {
                List<Message> read = reader.after(channel, from);
                sequencer.execute(() -> caughtUp(channel, read));
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Could not read the messages of a channel after " + from
                        + "; trying again: " + e.getMessage());
                CompletableFuture.delayedExecutor(RETRY_MILLIS, TimeUnit.MILLISECONDS, sequencer)
                        .execute(() -> catchUp(channel, held.remove(channel.id())));
            }
        });
    }

    private void caughtUp(StoredChannel channel, List<Message> read) {
        long at = delivered.getOrDefault(channel.id(), 0L);
        for (Message m : read) {
            if (m.id() > at) {
                at = m.id();
                delivered.put(channel.id(), at);
                deliver.accept(channel, m);
            }
        }
        List<MessageStored> waiting = held.remove(channel.id());
        if (read.size() >= READ_LIMIT) {
            catchUp(channel, waiting);
            return;
        }
        waiting.forEach(this::stored);
    }
}
