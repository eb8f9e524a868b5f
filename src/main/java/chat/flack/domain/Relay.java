package chat.flack.domain;

import java.util.function.Consumer;

/**
 * Carries each node's events to the other nodes. A node applies its own events itself, and
 * those of the others as they arrive. Delivery is at most once: what a lost event would have
 * told is read from the store ({@link ChatService} compares positions).
 */
public interface Relay extends AutoCloseable {

    /**
     * Starts taking events from the other nodes, handing each to {@code fromOthers}, on any
     * thread; {@code reconnected} runs each time the relay comes back after it was down.
     */
    void start(Consumer<NodeEvent> fromOthers, Runnable reconnected);

    /** Hands an event that this node has applied to every other node. */
    void publish(NodeEvent event);

    /** True when there are other nodes to relay to; a single node needs no relay. */
    boolean spansNodes();

    /** True while the relay can carry events (always for a single node). */
    boolean isUp();

    @Override
    void close();
}
