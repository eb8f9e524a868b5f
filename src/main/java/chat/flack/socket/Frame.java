package chat.flack.socket;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * A frame's JSON text, encoded to UTF-8 once: every connection that sends it writes the same
 * bytes ({@link TomcatWrites#text}), so a broadcast to a thousand members encodes once, not a
 * thousand times.
 */
final class Frame {

    private final byte[] bytes;

    private Frame(byte[] bytes) {
        this.bytes = bytes;
    }

    /** The frame of one of {@link Frames}' records. */
    static Frame of(Object frame) {
        return new Frame(Frames.encode(frame).getBytes(StandardCharsets.UTF_8));
    }

    /** The payload to write, positioned at its start: each write reads its own view of the shared bytes. */
    ByteBuffer payload() {
        return ByteBuffer.wrap(bytes);
    }

    /** Its size in bytes, which is what a queue of frames holds. */
    int size() {
        return bytes.length;
    }
}
