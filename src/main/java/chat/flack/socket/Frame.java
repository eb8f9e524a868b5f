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
    /** A text frame that is not final: the first fragment of a message (RFC 6455 section 5.4). */
    private static final int TEXT_FIRST = 0x01;
    /** The final continuation frame of a fragmented message. */
    private static final int CONTINUATION_LAST = 0x80;

    private final byte[] wire;
    /** Null, or the final fragment of the message whose first fragment is {@link #wire}: both go in one write. */
    private final byte[] last;

    private Frame(byte[] wire) {
        this(wire, null);
    }

    private Frame(byte[] wire, byte[] last) {
        this.wire = wire;
        this.last = last;
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
        return new Frame(framed(TEXT, payload));
    }

    /**
     * The first fragment of a text message, shared by every message {@link #completed} from it:
     * a payload that many messages begin with is framed once, not once for each.
     */
    static final class Head {

        private final byte[] wire;

        private Head(byte[] wire) {
            this.wire = wire;
        }
    }

    /** A text message's first fragment: {@code payload}, which the message goes on from. */
    static Head head(byte[] payload) {
        return new Head(framed(TEXT_FIRST, payload));
    }

    /** The text message of {@code head}'s payload followed by {@code rest}, in two fragments written together. */
    static Frame completed(Head head, byte[] rest) {
        return new Frame(head.wire, framed(CONTINUATION_LAST, rest));
    }

    private static byte[] framed(int first, byte[] payload) {
        int n = payload.length;
        int header = n < 126 ? 2 : n < 65_536 ? 4 : 10;
        byte[] wire = new byte[header + n];
        wire[0] = (byte) first;
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
        System.arraycopy(payload, 0, wire, header, n);
        return wire;
    }

    /** The bytes to write, positioned at their start: each write reads its own view of the shared bytes. */
    ByteBuffer wire() {
        return ByteBuffer.wrap(wire);
    }

    /** Null, or the final fragment that goes right after {@link #wire}, in the same write. */
    ByteBuffer last() {
        return last == null ? null : ByteBuffer.wrap(last);
    }

    /** Its size in bytes, which is what a queue of frames holds. */
    int size() {
        return wire.length + (last == null ? 0 : last.length);
    }
}
