package chat.flack.domain;

import chat.flack.domain.ChatStore.StoredChannel;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * The newest page of each channel's messages, kept in memory for joins within a budget of
 * bytes: when the pages together pass it, those of the channels used longest ago (joined or
 * written to) are dropped, and read again from the store at the channel's next join. A read runs off the
 * sequencer, and what it brings is cut at the channel's delivered position (the store may be
 * ahead: a message committed but not yet shown here, by this node or another, is shown, and
 * added to the page, when its turn comes); messages delivered meanwhile are kept aside and
 * merged in. So the page a join gets holds every message delivered before it and no later
 * one, each once.
 * Thread-safety: everything but the read itself runs on the chat's sequencer.
 */
final class Pages {

    private final int pageSize;
    private final long maxBytes;
    private final Function<StoredChannel, List<Message>> read;
    private final ToLongFunction<StoredChannel> delivered;
    private final Executor readers;
    private final Executor sequencer;
    /** By channel id, the channel used longest ago first. */
    private final LinkedHashMap<Long, Page> pages = new LinkedHashMap<>(16, 0.75f, true);
    private final Map<Long, Reading> reading = new LinkedHashMap<>();
    /** Written only on the sequencer; volatile for the gauge that reads it. */
    private volatile long bytes;

    /**
     * @param read      the newest page of a channel from the store, oldest first; run on {@code readers}
     * @param delivered the id of the newest message of a channel shown to this node's sockets
     * @param sequencer where the chat's sequenced tasks run; completions come back through it
     */
    Pages(int pageSize, long maxBytes, Function<StoredChannel, List<Message>> read,
          ToLongFunction<StoredChannel> delivered, Executor readers, Executor sequencer) {
        this.pageSize = pageSize;
        this.maxBytes = maxBytes;
        this.read = read;
        this.delivered = delivered;
        this.readers = readers;
        this.sequencer = sequencer;
    }

    /**
     * The newest page of {@code channel}, as of now. Completes at once from memory, or later (on
     * the sequencer) once the store has been read; fails with what the read threw.
     */
    CompletableFuture<List<Message>> newest(StoredChannel channel) {
        Page page = pages.get(channel.id());
        if (page != null) {
            return CompletableFuture.completedFuture(List.copyOf(page.messages));
        }
        Reading r = reading.get(channel.id());
        if (r == null) {
            Reading started = new Reading();
            reading.put(channel.id(), started);
            r = started;
            readers.execute(() -> {
                try {
                    List<Message> stored = read.apply(channel);
                    sequencer.execute(() -> finish(channel, started, stored));
                } catch (RuntimeException e) {
                    sequencer.execute(() -> fail(channel, started, e));
                }
            });
        }
        CompletableFuture<List<Message>> result = new CompletableFuture<>();
        r.waiting.add(result);
        return result;
    }

    /** Adds a message just accepted to its channel's page, if that is in memory or being read. */
    void accepted(StoredChannel channel, Message m) {
        Reading r = reading.get(channel.id());
        if (r != null) {
            r.meanwhile.add(m);
            return;
        }
        Page page = pages.get(channel.id());
        if (page != null) {
            page.add(m);
            trim();
        }
    }

    /** Puts a message's newer state (edited, deleted, reacted to) in its channel's page, if it is there. */
    void updated(StoredChannel channel, Message m) {
        Reading r = reading.get(channel.id());
        if (r != null) {
            r.changed.add(m);
            return;
        }
        Page page = pages.get(channel.id());
        if (page != null) {
            page.replace(m);
            trim();
        }
    }

    /** Bytes the pages in memory hold, by the estimate the budget counts. */
    long bytes() {
        return bytes;
    }

    private void finish(StoredChannel channel, Reading r, List<Message> stored) {
        reading.remove(channel.id());
        long upTo = delivered.applyAsLong(channel);
        TreeMap<Long, Message> byId = new TreeMap<>();
        stored.stream().filter(m -> m.id() <= upTo).forEach(m -> byId.put(m.id(), m));
        r.meanwhile.forEach(m -> byId.put(m.id(), m));
        r.changed.forEach(m -> byId.computeIfPresent(m.id(), (id, old) -> old.version() < m.version() ? m : old));
        Page page = new Page();
        byId.values().forEach(page::add);
        pages.put(channel.id(), page);
        List<Message> copy = List.copyOf(page.messages);
        trim();
        r.waiting.forEach(f -> f.complete(copy));
    }

    private void fail(StoredChannel channel, Reading r, RuntimeException e) {
        reading.remove(channel.id());
        r.waiting.forEach(f -> f.completeExceptionally(e));
    }

    /** Drops the pages of the channels used longest ago until the rest fit the budget. */
    private void trim() {
        Iterator<Page> oldest = pages.values().iterator();
        while (bytes > maxBytes && oldest.hasNext()) {
            Page p = oldest.next();
            bytes -= p.bytes;
            oldest.remove();
        }
    }

    private final class Page {
        final ArrayDeque<Message> messages = new ArrayDeque<>();
        long bytes;

        void add(Message m) {
            if (!messages.isEmpty() && m.id() <= messages.peekLast().id()) {
                return;
            }
            messages.addLast(m);
            change(m.heapBytes());
            if (messages.size() > pageSize) {
                change(-messages.removeFirst().heapBytes());
            }
        }

        void replace(Message m) {
            List<Message> all = new ArrayList<>(messages);
            for (int i = 0; i < all.size(); i++) {
                Message old = all.get(i);
                if (old.id() == m.id() && old.version() < m.version()) {
                    all.set(i, m);
                    messages.clear();
                    messages.addAll(all);
                    change(m.heapBytes() - old.heapBytes());
                    return;
                }
            }
        }

        private void change(long by) {
            bytes += by;
            Pages.this.bytes += by;
        }
    }

    private static final class Reading {
        final List<Message> meanwhile = new ArrayList<>();
        final List<Message> changed = new ArrayList<>();
        final List<CompletableFuture<List<Message>>> waiting = new ArrayList<>();
    }
}
