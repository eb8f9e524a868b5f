package chat.flack.it;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A WebSocket client on a raw socket (receive buffer 4 KiB, {@link RawHandshake})
 * that reads only when a test asks it to, while it may go on writing frames of any size, and
 * pongs to look alive: the peer that has stopped reading but not stopped talking. Writes are
 * serialised on this object; reads belong to the test thread.
 */
final class RawWebSocket implements AutoCloseable {

    private static final int CONTINUATION = 0x0;
    private static final int TEXT = 0x1;
    private static final int CLOSE = 0x8;
    private static final int PING = 0x9;
    private static final int PONG = 0xA;

    private final Socket socket;
    private final String handshake;
    private final InputStream in;
    private final OutputStream out;
    private final ScheduledExecutorService pongs = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "raw-websocket-pongs");
        t.setDaemon(true);
        return t;
    });

    RawWebSocket(Client client) throws IOException {
        this(client, "");
    }

    /** Upgrades with {@code extraHeaders} in the request (each line ending in CRLF). */
    RawWebSocket(Client client, String extraHeaders) throws IOException {
        RawHandshake.Upgraded upgraded = RawHandshake.upgrade(client, extraHeaders);
        socket = upgraded.socket();
        handshake = upgraded.headers();
        in = socket.getInputStream();
        out = socket.getOutputStream();
    }

    /** The status line and headers of the server's 101 response. */
    String handshake() {
        return handshake;
    }

    /** Writes one text frame. */
    void sendText(String text) throws IOException {
        write(TEXT, text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Writes one text message as fragments of {@code bytes} bytes each: a text frame, then
     * continuation frames, cut wherever the count falls, inside a character too.
     */
    void sendFragmented(String text, int bytes) throws IOException {
        byte[] all = text.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream frames = new ByteArrayOutputStream();
        for (int from = 0; from < all.length; from += bytes) {
            int to = Math.min(all.length, from + bytes);
            frames.writeBytes(RawHandshake.frame(from == 0 ? TEXT : CONTINUATION, to == all.length,
                    Arrays.copyOfRange(all, from, to)));
        }
        writeBytes(frames.toByteArray());
    }

    /**
     * Sends an unsolicited pong (RFC 6455 allows them as a heartbeat) every {@code every} from
     * now on, until a write fails: so the server cannot tell this peer from a live one by pings.
     */
    void keepPonging(Duration every) {
        pongs.scheduleWithFixedDelay(() -> {
            try {
                write(PONG, new byte[0]);
            } catch (IOException ended) {
                pongs.shutdown();
            }
        }, 0, every.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Reads frames until a text frame that is {@code wanted}, answering pings on the way; fails after {@code within}. */
    String readTextUntil(Predicate<String> wanted, Duration within) throws IOException {
        long deadline = System.nanoTime() + within.toNanos();
        while (true) {
            Frame f = readFrame(deadline);
            if (f == null || f.opcode == CLOSE) {
                throw new IOException("the server ended the connection before the frame wanted");
            }
            if (f.opcode == TEXT) {
                String text = new String(f.payload, StandardCharsets.UTF_8);
                if (wanted.test(text)) {
                    return text;
                }
            }
        }
    }

    /**
     * Reads (only now) until the server's close frame and returns its code: 1005 for a close
     * frame without one, -1 when the connection ended with none.
     */
    int readCloseCode(Duration within) throws IOException {
        long deadline = System.nanoTime() + within.toNanos();
        while (true) {
            Frame f;
            try {
                f = readFrame(deadline);
            } catch (SocketTimeoutException stillOpen) {
                throw stillOpen;
            } catch (IOException reset) {
                return -1;
            }
            if (f == null) {
                return -1;
            }
            if (f.opcode == CLOSE) {
                return f.payload.length >= 2 ? (f.payload[0] & 0xff) << 8 | (f.payload[1] & 0xff) : 1005;
            }
        }
    }

    /** Reads (only now) what the server sent, and says whether it ended the connection within the time. */
    boolean endsWithin(Duration within) throws IOException {
        try {
            readCloseCode(within);
            return true;
        } catch (SocketTimeoutException stillOpen) {
            return false;
        }
    }

    /** One whole message or control frame; continuation frames are joined to the message they continue. */
    private Frame readFrame(long deadline) throws IOException {
        byte[] message = null;
        int messageOpcode = 0;
        while (true) {
            int b0 = readByte(deadline, true);
            if (b0 < 0) {
                return null;
            }
            if ((b0 & 0x70) != 0) {
                throw new IOException("a frame with reserved bits set, which no extension negotiated allows");
            }
            int b1 = readByte(deadline, false);
            if ((b1 & 0x80) != 0) {
                throw new IOException("a masked frame from the server");
            }
            long length = b1 & 0x7f;
            if (length == 126) {
                length = (long) readByte(deadline, false) << 8 | readByte(deadline, false);
            } else if (length == 127) {
                length = 0;
                for (int i = 0; i < 8; i++) {
                    length = length << 8 | readByte(deadline, false);
                }
            }
            byte[] payload = readBytes((int) length, deadline);
            int opcode = b0 & 0x0f;
            boolean fin = (b0 & 0x80) != 0;
            if (opcode >= CLOSE) {
                if (opcode == PING) {
                    write(PONG, payload);
                    continue;
                }
                if (opcode == CLOSE) {
                    return new Frame(CLOSE, payload);
                }
                continue;
            }
            if (opcode != 0) {
                messageOpcode = opcode;
                message = payload;
            } else {
                byte[] joined = new byte[message.length + payload.length];
                System.arraycopy(message, 0, joined, 0, message.length);
                System.arraycopy(payload, 0, joined, message.length, payload.length);
                message = joined;
            }
            if (fin) {
                return new Frame(messageOpcode, message);
            }
        }
    }

    private int readByte(long deadline, boolean endAllowed) throws IOException {
        timeoutUntil(deadline);
        int b = in.read();
        if (b < 0 && !endAllowed) {
            throw new EOFException("the connection ended inside a frame");
        }
        return b;
    }

    private byte[] readBytes(int n, long deadline) throws IOException {
        byte[] bytes = new byte[n];
        int read = 0;
        while (read < n) {
            timeoutUntil(deadline);
            int r = in.read(bytes, read, n - read);
            if (r < 0) {
                throw new EOFException("the connection ended inside a frame");
            }
            read += r;
        }
        return bytes;
    }

    private void timeoutUntil(long deadline) throws IOException {
        long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        if (left <= 0) {
            throw new SocketTimeoutException("nothing more within the time");
        }
        socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, left));
    }

    /** Writes one masked frame, as a client must. */
    private void write(int opcode, byte[] payload) throws IOException {
        writeBytes(RawHandshake.frame(opcode, payload));
    }

    private synchronized void writeBytes(byte[] frames) throws IOException {
        out.write(frames);
        out.flush();
    }

    @Override
    public void close() throws IOException {
        pongs.shutdownNow();
        socket.close();
    }

    private record Frame(int opcode, byte[] payload) {
    }
}
