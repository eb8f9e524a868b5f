package chat.flack.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.util.concurrent.CompletableFuture;

/** A chat server the benchmark drives: how a client gets in, what a send looks like, how to read what arrives. */
interface Target {

    /** The name written to the results: {@code flack} or {@code tomcat-example}. */
    String name();

    URI url();

    /**
     * Logs {@code client} in where the target has logins, opens its socket and asks to join the
     * benchmark's channel; completes once the socket is open and the join is on its way.
     */
    CompletableFuture<Void> open(Client client);

    /** The frame that sends {@code text}, message number {@code seq}, from {@code sender}. */
    String sendFrame(Client sender, String text, long seq);

    /** Reads one whole frame that arrived at {@code client} and tells it what it was. */
    void read(CharSequence frame, Client client);

    /** Ends the client's session on the server (and with it the socket); completes when done. */
    CompletableFuture<Void> release(Client client);

    /** Whether the server limits how fast one user may send (Flack: 10 a second after a burst of 20). */
    double sendsPerSecondPerSender();

    static Target of(String name, HttpClient http, URI url, String channel) {
        return switch (name) {
            case Options.FLACK -> new FlackTarget(http, url, channel);
            case Options.TOMCAT_EXAMPLE -> new ExampleChatTarget(http, url);
            default -> throw new IllegalArgumentException("no target '" + name + "'");
        };
    }
}
