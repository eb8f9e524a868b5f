package chat.flack.socket;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/**
 * A WebSocket frame as it goes on the wire (RFC 6455 section 5.2: a server's frames are not
 * masked), made once: every connection that sends it writes the same bytes
 * ({@link Wire#write}), so a broadcast to a thousand members encodes and frames once,
 * not a thousand times.
 */
final class Frame {

    /** A ping (opcode 9) with one byte of data; the peer answers with a pong. */
    static final Frame PING = new Frame(new byte[] {(byte) 0x89, 1, 'f'});

    private static final int TEXT = 0x81;
    private static final byte[] NOTHING = new byte[0];

    private final byte[] wire;

    private Frame(byte[] wire) {
        this.wire = wire;
    }

    /** The text frame of one of {@link Frames}' records: its JSON in UTF-8, in one final frame. */
    static Frame of(Object frame) {
        return text(Frames.encode(frame).getBytes(StandardCharsets.UTF_8));
    }

    /** The text frame of {@code frame}, encoded when first asked for: see {@link Lazy}. */
    static Lazy lazily(Object frame) {
        return new Lazy(frame);
    }

    /**
     * A text frame encoded when first asked for (on whichever thread asks), then the same for
     * every connection that sends it. Two threads asking at once may each encode it; both get the
     * same bytes.
     */
    static final class Lazy implements Supplier<Frame> {

        private final Object frame;
        private volatile Frame encoded;

        private Lazy(Object frame) {
            this.frame = frame;
        }

        @Override
        public Frame get() {
            Frame f = encoded;
            if (f == null) {
                f = of(frame);
                encoded = f;
            }
            return f;
        }

        /** The frame if a connection has encoded it already, else null. */
        Frame encoded() {
            return encoded;
        }
    }

    static Frame text(byte[] payload) {
        return text(payload, NOTHING);
    }

    /**
     * The text frame whose payload is {@code start} followed by {@code rest}: one whole frame,
     * copied together once, so a payload that many frames begin with is encoded only once.
     */
    static Frame text(byte[] start, byte[] rest) {
        int n = start.length + rest.length;
        int header = n < 126 ? 2 : n < 65_536 ? 4 : 10;
        byte[] wire = new byte[header + n];
        wire[0] = (byte) TEXT;
        if (n < 126) {
            wire[1] = (byte) n;
        } else if (n < 65_536) {
            wire[1] = 126;
            wire[2] = (byte) (n >>> 8);
            wire[3] = (byte) n;
        } else {
            wire[1] = 127;
            for (int i = 0; i < 8; i++) {
                wire[2 + i] = (byte) ((long) n >>> (56 - 8 * i));
            }
        }
        System.arraycopy(start, 0, wire, header, start.length);
        System.arraycopy(rest, 0, wire, header + start.length, rest.length);
        return new Frame(wire);
    }

    /** The bytes to write, positioned at their start: each write reads its own view of the shared bytes. */
    ByteBuffer wire() {
        return ByteBuffer.wrap(wire);
    }

    /** Its size in bytes, which is what a queue of frames holds. */
    int size() {
        return wire.length;
    }
}
