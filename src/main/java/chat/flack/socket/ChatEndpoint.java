package chat.flack.socket;

import chat.flack.domain.ChatException;
import chat.flack.domain.ChatService;
import chat.flack.domain.ChatStore;
import chat.flack.domain.ErrorCode;
import chat.flack.domain.LoginUser;
import chat.flack.domain.Name;
import chat.flack.domain.Names;
import chat.flack.domain.SendOutcome;
import chat.flack.store.ImageStore;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Inject;
import jakarta.websocket.CloseReason;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.PongMessage;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The {@code /socket} endpoint: one instance per connection. Reads the client's frames, asks
 * the {@link ChatService}, and answers through the connection's outbound queue; the membership
 * sets and broadcasts are in {@link Rooms}.
 */
@ServerEndpoint(value = "/socket", configurator = EndpointConfigurator.class)
public class ChatEndpoint implements Frames.Handler {

    private static final Logger LOG = Logger.getLogger(ChatEndpoint.class.getName());
    private static final String BLOCKING_SEND_TIMEOUT = "org.apache.tomcat.websocket.BLOCKING_SEND_TIMEOUT";
    private static final String SESSION_CLOSE_TIMEOUT = "org.apache.tomcat.websocket.SESSION_CLOSE_TIMEOUT";

    @Inject
    ChatService chat;

    @Inject
    Rooms rooms;

    @Inject
    ImageStore images;

    @Inject
    MeterRegistry meters;

    private Connection connection;
    /**
     * The key of the channel this connection last joined, as this endpoint's own thread sees it;
     * a join that fails puts back the channel the connection is still in.
     */
    private final AtomicReference<String> joined = new AtomicReference<>();
    /**
     * The parts so far of a frame that arrives in several (Tomcat hands text over in pieces of its
     * text buffer, web.xml's textBufferSize); none between frames, so that an idle connection
     * keeps no builder, and one frame of 64 KiB leaves nothing of that size behind.
     */
    private StringBuilder partial;
    private long partialBytes;
    private final RefusalLog refusals = new RefusalLog(System::nanoTime);

    @OnOpen
    public void open(Session session, EndpointConfig config) {
        LoginUser user = (LoginUser) config.getUserProperties().get(EndpointConfigurator.USER);
        if (user == null || !chat.isCurrent(user)) {
            closeQuietly(session, new CloseReason(CloseReason.CloseCodes.VIOLATED_POLICY, "not logged in"));
            return;
        }
        // A ping or a close frame to a peer that does not read, and the wait for its answer to
        // the close frame, each last at most the send timeout (frames have their own, in
        // Connection); then the connection is dropped.
        long timeout = chat.settings().sendTimeoutMillis();
        session.getUserProperties().put(BLOCKING_SEND_TIMEOUT, timeout);
        session.getUserProperties().put(SESSION_CLOSE_TIMEOUT, timeout);
        Connection c = rooms.open(session, user);
        if (c == null) {
            LOG.info("Socket refused: more than " + chat.settings().maxSocketsPerUser() + " sockets of one login");
            closeQuietly(session, new CloseReason(CloseReason.CloseCodes.VIOLATED_POLICY, "too many sockets"));
            return;
        }
        connection = c;
        chat.touch(user);
        // A logout between the check above and the registration did not see this socket: look again.
        if (!chat.isCurrent(user)) {
            c.close(new CloseReason(CloseReason.CloseCodes.VIOLATED_POLICY, "logged out"));
        }
    }

    @OnMessage
    public void onPong(PongMessage pong) {
        if (connection != null) {
            connection.lastHeard = System.nanoTime();
        }
    }

    @OnMessage
    public void onText(String part, boolean last, Session session) {
        if (connection == null) {
            return;
        }
        connection.lastHeard = System.nanoTime();
        partialBytes += utf8Length(part);
        if (partialBytes > chat.settings().maxFrameBytes()) {
            partial = null;
            connection.close(new CloseReason(CloseReason.CloseCodes.TOO_BIG,
                    "a frame has at most " + chat.settings().maxFrameBytes() + " bytes"));
            return;
        }
        if (!last) {
            if (partial == null) {
                partial = new StringBuilder(part.length() * 2);
            }
            partial.append(part);
            return;
        }
        String text = partial == null ? part : partial.append(part).toString();
        partial = null;
        partialBytes = 0;
        handle(text);
    }

    /** Flack's frames are JSON text; a binary frame is refused as RFC 6455 suggests. */
    @OnMessage
    public void onBinary(ByteBuffer part, boolean last) {
        if (connection != null) {
            refusals.refused(null, "binary frame");
            connection.close(new CloseReason(CloseReason.CloseCodes.CANNOT_ACCEPT, "frames are JSON text"));
        }
    }

    @OnClose
    public void close(Session session, CloseReason reason) {
        // From the session, not this endpoint's field: a close may run while open() still does.
        if (session.getUserProperties().get(Connection.KEY) instanceof Connection c) {
            rooms.closed(c);
            refusals.close();
        }
    }

    @OnError
    public void error(Session session, Throwable failure) {
        LOG.log(Level.FINE, "Socket error", failure);
    }

    private void handle(String text) {
        Frames.Request request;
        try {
            request = Frames.parse(text);
        } catch (Frames.BadFrame e) {
            refused(e.ref, ErrorCode.BAD_REQUEST.code(), e.getMessage());
            return;
        }
        try {
            request.handleBy(this);
        } catch (RuntimeException e) {
            refuse(e, request.type());
        }
    }

    @Override
    public void create(Frames.Create request) {
        Name name = Names.parse(request.channel(), chat.settings().maxChannelNameLength())
                .orElseThrow(() -> new ChatException(ErrorCode.INVALID_CHANNEL));
        chat.createChannel(connection.user, name);
        LOG.info("Channel created (" + chat.channelCount() + " channel(s) now)");
    }

    @Override
    public void join(Frames.Join request) {
        Connection c = connection;
        String key = Names.key(request.channel());
        int limit = chat.settings().historyLimit();
        String before = joined.getAndSet(key);
        try {
            chat.join(c.user, request.channel(), history -> {
                if (!c.isOpen()) {
                    return;
                }
                rooms.leave(c);
                c.channel = key;
                rooms.join(c, key);
                // Encoded by the connection's encoder: a flood of joins cannot hold up the sequencer.
                c.offerLazily(() -> Frame.of(new Frames.HistoryFrame(history, limit)));
            }).whenComplete((joinedNow, failure) -> {
                if (failure != null) {
                    joined.compareAndSet(key, c.channel);
                    refuse(failure, "join");
                }
            });
        } catch (RuntimeException refused) {
            joined.compareAndSet(key, before);
            throw refused;
        }
    }

    @Override
    public void leave(Frames.Leave request) {
        Connection c = connection;
        String key = Names.key(request.channel());
        if (key.equals(joined.get())) {
            joined.set(null);
        }
        chat.onSequencer(() -> {
            if (key.equals(c.channel)) {
                rooms.leave(c);
                c.channel = null;
            }
        });
    }

    @Override
    public void older(Frames.Older request) {
        var history = chat.older(connection.user, request.channel(), request.before());
        reply(new Frames.OlderFrame(history, request.before(), chat.settings().historyLimit()));
    }

    @Override
    public void newer(Frames.Newer request) {
        var history = chat.newer(connection.user, request.channel(), request.after());
        reply(new Frames.NewerFrame(history, request.after(), chat.settings().historyLimit()));
    }

    @Override
    public void send(Frames.Send request) {
        Connection c = connection;
        if (!Names.key(request.channel()).equals(joined.get())) {
            throw new ChatException(ErrorCode.NOT_IN_CHANNEL);
        }
        chat.send(c.user, request.channel(), request.text(), request.image(), request.clientId(), images::size)
                .whenComplete((outcome, failure) -> {
                    if (failure != null) {
                        refuse(failure, "send");
                    } else if (outcome.duplicate()) {
                        resend(outcome);
                    }
                });
    }

    @Override
    public void edit(Frames.Edit request) {
        requireJoined(request.channel());
        answer(chat.edit(connection.user, request.channel(), request.id(), request.text()), "edit");
    }

    @Override
    public void delete(Frames.Delete request) {
        requireJoined(request.channel());
        answer(chat.delete(connection.user, request.channel(), request.id()), "delete");
    }

    @Override
    public void react(Frames.React request) {
        requireJoined(request.channel());
        answer(chat.react(connection.user, request.channel(), request.id(), request.emoji(), request.on()), "react");
    }

    @Override
    public void typing(Frames.TypingRequest request) {
        requireJoined(request.channel());
        chat.typing(connection.user, request.channel());
    }

    @Override
    public void direct(Frames.DirectRequest request) {
        chat.openDirect(connection.user, request.user());
        LOG.info("Direct conversation opened");
    }

    @Override
    public void search(Frames.Search request) {
        chat.search(connection.user, request.query(), request.channel(), request.before())
                .whenComplete((found, failure) -> {
                    if (failure != null) {
                        refuse(failure, "search");
                    } else {
                        reply(new Frames.ResultsFrame(request.query(), found.channel(), found.messages(), found.more()));
                    }
                });
    }

    @Override
    public void read(Frames.Read request) {
        chat.read(connection.user, request.channel(), request.id());
    }

    private void requireJoined(String channel) {
        if (!Names.key(channel).equals(joined.get())) {
            throw new ChatException(ErrorCode.NOT_IN_CHANNEL);
        }
    }

    /**
     * A change that changed the message reaches this connection with the channel's
     * {@code update}; one that found it as asked already answers the sender alone.
     */
    private void answer(CompletableFuture<ChatStore.Changed> change, String ref) {
        change.whenComplete((changed, failure) -> {
            if (failure != null) {
                refuse(failure, ref);
            } else if (!changed.changed()) {
                reply(new Frames.UpdateFrame(changed.message()));
            }
        });
    }

    private void resend(SendOutcome outcome) {
        reply(new Frames.MessageFrame(outcome.message()));
    }

    private void refuse(Throwable failure, String ref) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        if (cause instanceof ChatException e) {
            refused(ref, e.code().code(), e.getMessage());
        } else {
            LOG.log(Level.SEVERE, "A '" + ref + "' request failed unexpectedly", cause);
            refused(ref, ErrorCode.UNAVAILABLE.code(), ErrorCode.UNAVAILABLE.sentence());
        }
    }

    /** Answers a refused request with an error frame, and logs and counts the refusal. */
    private void refused(String ref, String code, String message) {
        refusals.refused(ref, code);
        if ("send".equals(ref)) {
            meters.counter("flack.messages.refused", "reason", code).increment();
        }
        meters.counter("flack.requests.refused", "type", Frames.knownType(ref), "reason", code).increment();
        reply(new Frames.ErrorFrame(code, message, ref));
    }

    private void reply(Object frame) {
        connection.offer(Frame.of(frame));
    }

    private static long utf8Length(String s) {
        long bytes = 0;
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch < 0x80) {
                bytes += 1;
            } else if (ch < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(ch)) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }

    private static void closeQuietly(Session session, CloseReason reason) {
        try {
            session.close(reason);
        } catch (IOException e) {
            LOG.log(Level.FINE, "Closing a refused socket failed", e);
        }
    }
}
