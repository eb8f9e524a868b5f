package chat.flack.it;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;

/** The parts of RFC 6455 that the raw-socket test clients share: the upgrade and masked frames. */
final class RawHandshake {

    private RawHandshake() {
    }

    /**
     * A socket with a 4 KiB receive buffer, upgraded to a WebSocket on {@code /socket} with
     * {@code client}'s session cookie and its own origin.
     */
    static Socket upgrade(Client client) throws IOException {
        return upgrade(client, "").socket();
    }

    /** The same, with {@code extraHeaders} (each line ending in CRLF) in the request; the response's headers too. */
    static Upgraded upgrade(Client client, String extraHeaders) throws IOException {
        Socket socket = new Socket();
        socket.setReceiveBufferSize(4096);
        socket.connect(new InetSocketAddress(client.base.getHost(), client.base.getPort()), 10_000);
        String cookie = client.sessionCookie().orElseThrow().getValue();
        byte[] key = new byte[16];
        ThreadLocalRandom.current().nextBytes(key);
        String authority = client.base.getHost() + ":" + client.base.getPort();
        String request = "GET /socket HTTP/1.1\r\nHost: " + authority + "\r\nUpgrade: websocket\r\n"
                + "Connection: Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: "
                + Base64.getEncoder().encodeToString(key) + "\r\nOrigin: http://" + authority + "\r\n"
                + "Cookie: JSESSIONID=" + cookie + "\r\n" + extraHeaders + "\r\n";
        socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
        socket.setSoTimeout(20_000);
        String headers = readHeaders(socket.getInputStream());
        socket.setSoTimeout(0);
        if (!headers.startsWith("HTTP/1.1 101")) {
            socket.close();
            throw new IOException("handshake refused: " + headers);
        }
        return new Upgraded(socket, headers);
    }

    /** An upgraded socket and the headers of the server's 101 response. */
    record Upgraded(Socket socket, String headers) {
    }

    /** One masked frame, as a client must send it. */
    static byte[] frame(int opcode, byte[] payload) {
        return frame(opcode, true, payload);
    }

    /** One masked frame; {@code fin} false for a fragment that more continuation frames follow. */
    static byte[] frame(int opcode, boolean fin, byte[] payload) {
        int header = payload.length < 126 ? 2 : payload.length < 65_536 ? 4 : 10;
        byte[] frame = new byte[header + 4 + payload.length];
        frame[0] = (byte) ((fin ? 0x80 : 0) | opcode);
        if (header == 2) {
            frame[1] = (byte) (0x80 | payload.length);
        } else if (header == 4) {
            frame[1] = (byte) (0x80 | 126);
            frame[2] = (byte) (payload.length >>> 8);
            frame[3] = (byte) payload.length;
        } else {
            frame[1] = (byte) (0x80 | 127);
            for (int i = 0; i < 8; i++) {
                frame[2 + i] = (byte) ((long) payload.length >>> (8 * (7 - i)));
            }
        }
        byte[] mask = new byte[4];
        ThreadLocalRandom.current().nextBytes(mask);
        System.arraycopy(mask, 0, frame, header, 4);
        for (int i = 0; i < payload.length; i++) {
            frame[header + 4 + i] = (byte) (payload[i] ^ mask[i % 4]);
        }
        return frame;
    }

    private static String readHeaders(InputStream in) throws IOException {
        StringBuilder headers = new StringBuilder();
        while (!headers.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("the server closed during the handshake");
            }
            headers.append((char) b);
        }
        return headers.toString();
    }
}
