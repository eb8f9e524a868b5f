package chat.flack.socket;

import jakarta.websocket.SendHandler;
import jakarta.websocket.Session;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.ByteBuffer;

/**
 * The two writes Jakarta WebSocket lacks, reached inside Tomcat's implementation
 * ({@code WsRemoteEndpointImplBase.startMessage}):
 * <ul>
 * <li>a text frame from bytes already encoded: {@code sendText(String)} encodes the same
 *     String to UTF-8 again for every session (a fifth of the server's time in a busy
 *     channel), so a broadcast is encoded once ({@link Frame}) and written as it is;</li>
 * <li>a non-blocking flush of a session's batched frames: Jakarta WebSocket has batching
 *     (frames copied into the session's buffer, written when it fills) but only a blocking
 *     flush; Tomcat's internal flush opcode is what {@code flushBatch()} itself waits on. So
 *     the frames of one drain leave in one write and no thread waits for that write.</li>
 * </ul>
 * The frame goes through the session's extensions (permessage-deflate) as any other. Found
 * once at start: on a container without it Flack refuses to start rather than block.
 */
final class TomcatWrites {

    /** RFC 6455's opcode of a text frame. */
    private static final byte TEXT = 1;
    /** Tomcat's {@code Constants.INTERNAL_OPCODE_FLUSH}. */
    private static final byte FLUSH = 24;
    private static final MethodType START = MethodType.methodType(void.class, Object.class, byte.class,
            ByteBuffer.class, boolean.class, SendHandler.class);

    private final Field endpointOfSession;
    private final MethodHandle startMessage;

    private TomcatWrites(Field endpointOfSession, MethodHandle startMessage) {
        this.endpointOfSession = endpointOfSession;
        this.startMessage = startMessage;
    }

    /** Finds the writes in the WebSocket implementation that serves {@link Session}. */
    static TomcatWrites find() {
        try {
            ClassLoader container = Session.class.getClassLoader();
            Class<?> session = Class.forName("org.apache.tomcat.websocket.WsSession", false, container);
            Class<?> endpoint = Class.forName("org.apache.tomcat.websocket.WsRemoteEndpointImplBase", false, container);
            Field field = session.getDeclaredField("wsRemoteEndpoint");
            field.setAccessible(true);
            Method method = endpoint.getDeclaredMethod("startMessage", byte.class, ByteBuffer.class, boolean.class,
                    SendHandler.class);
            method.setAccessible(true);
            return new TomcatWrites(field, MethodHandles.lookup().unreflect(method).asType(START));
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("Flack needs Apache Tomcat's WebSocket implementation (10.1 or 11) "
                    + "for its non-blocking writes; not found: " + e, e);
        }
    }

    /** The object whose writes {@link #text} and {@link #flush} start for {@code session}. */
    Object endpointOf(Session session) {
        try {
            return endpointOfSession.get(session);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Starts sending {@code payload} (UTF-8 JSON) as one text frame: with batching on it is
     * copied into the session's buffer; {@code done} is told when that is done.
     */
    void text(Object endpoint, ByteBuffer payload, SendHandler done) {
        start(endpoint, TEXT, payload, done);
    }

    /** Starts writing what {@code endpoint} has buffered; {@code done} is told when it is written. */
    void flush(Object endpoint, SendHandler done) {
        start(endpoint, FLUSH, null, done);
    }

    private void start(Object endpoint, byte opCode, ByteBuffer payload, SendHandler done) {
        try {
            startMessage.invokeExact(endpoint, opCode, payload, true, done);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }
}
