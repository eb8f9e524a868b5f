package chat.flack.domain;

import java.util.function.Consumer;

/** The relay of a single node: there are no other nodes to tell. */
public final class LocalRelay implements Relay {

    @Override
    public void start(Consumer<NodeEvent> fromOthers, Runnable reconnected) {
        // no other nodes: nothing ever arrives
    }

    @Override
    public void publish(NodeEvent event) {
        // no other nodes: nothing to send
    }

    @Override
    public boolean spansNodes() {
        return false;
    }

    @Override
    public boolean isUp() {
        return true;
    }

    @Override
    public void close() {
        // holds nothing
    }
}
