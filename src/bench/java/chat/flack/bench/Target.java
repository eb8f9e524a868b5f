package chat.flack.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A chat server the benchmark drives, on one node or several: how a client gets in (on its
 * {@link Client#node}), what a send looks like, how to read what arrives.
 */
interface Target {

    /** The name written to the results: {@code flack} or {@code tomcat-example}. */
    String name();

    /** The nodes' URLs; client {@link Client#node} i is served by {@code urls().get(i)}. */
    List<URI> urls();

    /** Spreads clients round robin: the node of the {@code index}-th client of a kind. */
    default int nodeOf(int index) {
        return index % urls().size();
    }

    /**
     * Logs {@code client} in where the target has logins, opens its socket on its node and asks
     * to join its channel; completes once the socket is open and the join is on its way.
     */
    CompletableFuture<Void> open(Client client);

    /**
     * Completes once every node knows the channel {@code creator} created (and joined), so that
     * clients of any node can join it; at once on one node and on a target with one room.
     */
    CompletableFuture<Void> channelOnEveryNode(Client creator);

    /** The frame that sends {@code text}, message number {@code seq}, from {@code sender}. */
    String sendFrame(Client sender, String text, long seq);

    /** Reads one whole frame that arrived at {@code client} and tells it what it was. */
    void read(CharSequence frame, Client client);

    /** Whether a receiver closed for falling behind can reconnect and read what it missed ({@link #reopen}). */
    default boolean recovers() {
        return false;
    }

    /**
     * Opens a new socket for a client whose socket the server closed, with its login, joins the
     * channel again and reads back (see {@link Client#recovering}) what it missed.
     */
    default CompletableFuture<Void> reopen(Client client) {
        return CompletableFuture.failedFuture(new UnsupportedOperationException(name() + " keeps no history"));
    }

    /** Ends the client's session on the server (and with it the socket); completes when done. */
    CompletableFuture<Void> release(Client client);

    /** Whether the server limits how fast one user may send (Flack: 10 a second after a burst of 20). */
    double sendsPerSecondPerSender();

    static Target of(String name, HttpClient http, List<URI> urls, boolean force) {
        return switch (name) {
            case Options.FLACK -> new FlackTarget(http, urls, force);
            case Options.TOMCAT_EXAMPLE -> new ExampleChatTarget(http, urls.get(0));
            default -> throw new IllegalArgumentException("no target '" + name + "'");
        };
    }
}
