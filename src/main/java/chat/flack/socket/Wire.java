package chat.flack.socket;

import jakarta.websocket.CloseReason;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.CompletionHandler;

/** The socket under one {@link Connection}, as the connection uses it; {@link TomcatWrites#wireOf} gives Tomcat's. */
interface Wire {

    /**
     * Starts writing {@code buffers[0..count)}; {@code done} is told when all of it is written
     * (on this thread if the socket took it at once) or when the write failed, also when it made
     * no progress for {@code timeoutMillis}. Returns false, without writing or telling
     * {@code done}, when another write holds the socket and {@code wait} is false; with
     * {@code wait} true it waits for that write first (at most {@code timeoutMillis}).
     */
    boolean write(ByteBuffer[] buffers, int count, boolean wait, long timeoutMillis,
                  CompletionHandler<Long, Void> done);

    /** Closes the socket with {@code reason}; may block while a close frame waits for a stalled peer. */
    void close(CloseReason reason) throws IOException;
}
