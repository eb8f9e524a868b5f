package chat.flack.socket;

import jakarta.websocket.SendHandler;
import jakarta.websocket.Session;

import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.ByteBuffer;

/**
 * A non-blocking flush of a session's batched frames. Jakarta WebSocket has batching (frames
 * copied into the session's buffer, written when it fills) but only a blocking flush; Tomcat
 * has the non-blocking one inside: {@code WsRemoteEndpointImplBase.startMessage} with its
 * internal flush opcode, which {@code flushBatch()} itself waits on. This reaches it, so that
 * the frames of one drain leave in one write and no thread waits for that write to finish.
 * Found once at start: on a container without it Flack refuses to start rather than block.
 */
final class TomcatFlush {

    /** Tomcat's {@code Constants.INTERNAL_OPCODE_FLUSH}. */
    private static final byte FLUSH = 24;

    private final Field endpointOfSession;
    private final Method startMessage;

    private TomcatFlush(Field endpointOfSession, Method startMessage) {
        this.endpointOfSession = endpointOfSession;
        this.startMessage = startMessage;
    }

    /** Finds Tomcat's flush in the WebSocket implementation that serves {@link Session}. */
    static TomcatFlush find() {
        try {
            ClassLoader container = Session.class.getClassLoader();
            Class<?> session = Class.forName("org.apache.tomcat.websocket.WsSession", false, container);
            Class<?> endpoint = Class.forName("org.apache.tomcat.websocket.WsRemoteEndpointImplBase", false, container);
            Field field = session.getDeclaredField("wsRemoteEndpoint");
            field.setAccessible(true);
            Method method = endpoint.getDeclaredMethod("startMessage", byte.class, ByteBuffer.class, boolean.class,
                    SendHandler.class);
            method.setAccessible(true);
            return new TomcatFlush(field, method);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("Flack needs Apache Tomcat's WebSocket implementation (10.1 or 11) "
                    + "for its non-blocking writes; not found: " + e, e);
        }
    }

    /** The object that {@link #start} flushes for {@code session}. */
    Object endpointOf(Session session) {
        try {
            return endpointOfSession.get(session);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Starts writing what {@code endpoint} has buffered; {@code done} is told when it is written. */
    void start(Object endpoint, SendHandler done) {
        try {
            startMessage.invoke(endpoint, FLUSH, null, true, done);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
    }
}
