package chat.flack.it;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/**
 * A WebSocket client on a raw socket that, once it has joined a channel, never reads again:
 * the peer a server must not let stall a channel.
 */
final class StalledClient implements AutoCloseable {

    private final Socket socket;

    StalledClient(Client client, String channel) throws IOException {
        socket = RawHandshake.upgrade(client);
        socket.getOutputStream().write(RawHandshake.frame(0x1,
                ("{\"type\":\"join\",\"channel\":\"" + channel + "\"}").getBytes(StandardCharsets.UTF_8)));
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

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
