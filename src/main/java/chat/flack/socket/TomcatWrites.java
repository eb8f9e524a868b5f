package chat.flack.socket;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;

import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.ByteBuffer;
import java.nio.channels.CompletionHandler;
import java.util.concurrent.TimeUnit;

/**
 * The write Jakarta WebSocket lacks: frames already framed and encoded ({@link Frame}), several
 * at once, without a thread waiting and without a thread hop. Tomcat's own non-blocking send
 * ({@code RemoteEndpoint.Async}) hands every completion to its executor, even of a write that
 * finished at once (one wake-up per delivery, the main cost of a calm channel), and registers
 * every write with its timeout thread; so Flack writes a connection's waiting frames with one
 * gathering write on the connection's socket ({@code SocketWrapperBase.write}, the call Tomcat's
 * WebSocket layer makes itself), whose completion comes on the calling thread when the socket
 * took everything, and on Tomcat's poller and executor only when it had to wait for the peer.
 * The socket wrapper allows one write at a time: Tomcat's own (a close frame, a pong) and
 * Flack's take turns at whole frames. No extension is negotiated ({@link EndpointConfigurator}),
 * so the frames are written as they are. Found once at start: on a container without it Flack
 * refuses to start rather than block.
 */
final class TomcatWrites {

    private static final String SOCKET = "org.apache.tomcat.util.net.SocketWrapperBase";
    private static final MethodType WRITE = MethodType.methodType(Object.class, Object.class, ByteBuffer[].class,
            int.class, int.class, Object.class, long.class, TimeUnit.class, Object.class, Object.class,
            CompletionHandler.class);

    private final Field endpointOfSession;
    private final Field socketOfEndpoint;
    private final MethodHandle write;
    /** {@code BlockingMode.NON_BLOCK}: returns at once, not started, when another write holds the socket. */
    private final Object unlessBusy;
    /** {@code BlockingMode.SEMI_BLOCK}: waits (at most the timeout) for another write to end, then starts. */
    private final Object afterOthers;
    /** {@code COMPLETE_WRITE_WITH_COMPLETION}: the handler is told once everything is written. */
    private final Object whenAllWritten;
    /** {@code CompletionState.NOT_DONE}: what {@link #unlessBusy} returns when it did not start. */
    private final Object notStarted;

    private TomcatWrites(Field endpointOfSession, Field socketOfEndpoint, MethodHandle write, Object unlessBusy,
                         Object afterOthers, Object whenAllWritten, Object notStarted) {
        this.endpointOfSession = endpointOfSession;
        this.socketOfEndpoint = socketOfEndpoint;
        this.write = write;
        this.unlessBusy = unlessBusy;
        this.afterOthers = afterOthers;
        this.whenAllWritten = whenAllWritten;
        this.notStarted = notStarted;
    }

    /** Finds the socket writes under the WebSocket implementation that serves {@link Session}. */
    static TomcatWrites find() {
        try {
            ClassLoader container = Session.class.getClassLoader();
            Class<?> session = Class.forName("org.apache.tomcat.websocket.WsSession", false, container);
            Class<?> endpoint = Class.forName("org.apache.tomcat.websocket.server.WsRemoteEndpointImplServer",
                    false, container);
            Class<?> socket = Class.forName(SOCKET, false, container);
            Class<?> mode = Class.forName(SOCKET + "$BlockingMode", false, container);
            Class<?> check = Class.forName(SOCKET + "$CompletionCheck", false, container);
            Class<?> state = Class.forName(SOCKET + "$CompletionState", false, container);
            Field remote = session.getDeclaredField("wsRemoteEndpoint");
            remote.setAccessible(true);
            Field wrapper = endpoint.getDeclaredField("socketWrapper");
            wrapper.setAccessible(true);
            Method method = socket.getMethod("write", ByteBuffer[].class, int.class, int.class, mode, long.class,
                    TimeUnit.class, Object.class, check, CompletionHandler.class);
            return new TomcatWrites(remote, wrapper, MethodHandles.lookup().unreflect(method).asType(WRITE),
                    constant(mode, "NON_BLOCK"), constant(mode, "SEMI_BLOCK"),
                    socket.getField("COMPLETE_WRITE_WITH_COMPLETION").get(null), constant(state, "NOT_DONE"));
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("Flack needs Apache Tomcat's WebSocket implementation (10.1 or 11) "
                    + "for its non-blocking writes; not found: " + e, e);
        }
    }

    private static Object constant(Class<?> enumType, String name) {
        for (Object constant : enumType.getEnumConstants()) {
            if (((Enum<?>) constant).name().equals(name)) {
                return constant;
            }
        }
        throw new IllegalStateException(enumType.getName() + " has no " + name);
    }

    /** The socket under {@code session}: its writes, and its close. */
    Wire wireOf(Session session) {
        Object socket;
        try {
            socket = socketOfEndpoint.get(endpointOfSession.get(session));
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
        return new Wire() {
            @Override
            public boolean write(ByteBuffer[] buffers, int count, boolean wait, long timeoutMillis,
                                 CompletionHandler<Long, Void> done) {
                return TomcatWrites.this.write(socket, buffers, count, wait, timeoutMillis, done);
            }

            @Override
            public void close(CloseReason reason) throws IOException {
                session.close(reason);
            }
        };
    }

    private boolean write(Object socket, ByteBuffer[] buffers, int count, boolean wait, long timeoutMillis,
                          CompletionHandler<Long, Void> done) {
        Object started;
        try {
            started = write.invokeExact(socket, buffers, 0, count, wait ? afterOthers : unlessBusy, timeoutMillis,
                    TimeUnit.MILLISECONDS, (Object) null, whenAllWritten, done);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
        return started != notStarted;
    }
}
