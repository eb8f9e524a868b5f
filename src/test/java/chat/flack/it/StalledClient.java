package chat.flack.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A WebSocket client on a raw socket that, once it has joined a channel, never reads again:
 * the peer a server must not let stall a channel.
 */
final class StalledClient implements AutoCloseable {

    private final Socket socket = new Socket();

    StalledClient(Client client, String channel) throws IOException {
        socket.setReceiveBufferSize(4096);
        socket.connect(new InetSocketAddress(client.base.getHost(), client.base.getPort()), 10_000);
        String cookie = client.sessionCookie().orElseThrow().getValue();
        byte[] key = new byte[16];
        ThreadLocalRandom.current().nextBytes(key);
        String authority = client.base.getHost() + ":" + client.base.getPort();
        String request = "GET /socket HTTP/1.1\r\nHost: " + authority + "\r\nUpgrade: websocket\r\n"
                + "Connection: Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: "
                + Base64.getEncoder().encodeToString(key) + "\r\nOrigin: http://" + authority + "\r\n"
                + "Cookie: JSESSIONID=" + cookie + "\r\n\r\n";
        OutputStream out = socket.getOutputStream();
        out.write(request.getBytes(StandardCharsets.US_ASCII));
        out.flush();
        String status = readHeaders(socket.getInputStream());
        if (!status.startsWith("HTTP/1.1 101")) {
            throw new IOException("handshake refused: " + status);
        }
        sendText("{\"type\":\"join\",\"channel\":\"" + channel + "\"}");
    }

    private void sendText(String text) throws IOException {
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        if (payload.length > 125) {
            throw new IllegalArgumentException("short frames only");
        }
        byte[] mask = new byte[4];
        ThreadLocalRandom.current().nextBytes(mask);
        byte[] frame = new byte[2 + 4 + payload.length];
        frame[0] = (byte) 0x81;
        frame[1] = (byte) (0x80 | payload.length);
        System.arraycopy(mask, 0, frame, 2, 4);
        for (int i = 0; i < payload.length; i++) {
            frame[6 + i] = (byte) (payload[i] ^ mask[i % 4]);
        }
        socket.getOutputStream().write(frame);
        socket.getOutputStream().flush();
    }

    /** Reads (only now) what the server sent, and says whether the server ended the connection within the time. */
    boolean closedByServerWithin(long millis) throws IOException {
        long deadline = System.currentTimeMillis() + millis;
        InputStream in = socket.getInputStream();
        byte[] sink = new byte[64 * 1024];
        while (System.currentTimeMillis() < deadline) {
            socket.setSoTimeout((int) Math.max(1, Math.min(1000, deadline - System.currentTimeMillis())));
            try {
                if (in.read(sink) < 0) {
                    return true;
                }
            } catch (SocketTimeoutException e) {
                // nothing yet; keep waiting until the deadline
            } catch (IOException reset) {
                return true;
            }
        }
        return false;
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

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
