package chat.flack.socket;

import chat.flack.domain.ChannelsChanged;
import chat.flack.domain.ChatService;
import chat.flack.domain.LoginEnded;
import chat.flack.domain.MessageAccepted;
import chat.flack.domain.Names;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.websocket.CloseReason;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The open sockets: all of them, by channel (the membership sets) and by login. Turns the
 * chat's events into frames, each encoded once and queued on every connection that gets it.
 * Thread-safety: concurrent sets; joins and broadcasts both run on the chat's sequencer.
 */
@ApplicationScoped
public class Rooms {

    @Inject
    ChatService chat;

    private final Set<Connection> all = ConcurrentHashMap.newKeySet();
    private final ConcurrentHashMap<String, Set<Connection>> members = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Set<Connection>> byLogin = new ConcurrentHashMap<>();
    private final ExecutorService closer = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "flack-socket-closer");
        t.setDaemon(true);
        return t;
    });
    private volatile String channelsFrame;

    Connection open(jakarta.websocket.Session session, chat.flack.domain.LoginUser user) {
        Connection c = new Connection(session, user, chat.settings().maxOutboundQueue(), closer);
        byLogin.computeIfAbsent(user.loginId(), k -> ConcurrentHashMap.newKeySet()).add(c);
        chat.onSequencer(() -> {
            all.add(c);
            c.offer(channelsFrame());
        });
        return c;
    }

    void closed(Connection c) {
        all.remove(c);
        leave(c);
        Set<Connection> mine = byLogin.get(c.user.loginId());
        if (mine != null) {
            mine.remove(c);
            if (mine.isEmpty()) {
                byLogin.remove(c.user.loginId(), mine);
            }
        }
    }

    /** Puts {@code c} in the channel; call it on the sequencer, right before queuing the history. */
    void join(Connection c, String channelKey) {
        members.computeIfAbsent(channelKey, k -> ConcurrentHashMap.newKeySet()).add(c);
    }

    void leave(Connection c) {
        String key = c.channel;
        if (key != null) {
            Set<Connection> set = members.get(key);
            if (set != null) {
                set.remove(c);
            }
        }
    }

    int open() {
        return all.size();
    }

    void onChannels(@Observes ChannelsChanged event) {
        String frame = Frames.encode(new Frames.Channels(event.names()));
        channelsFrame = frame;
        all.forEach(c -> c.offer(frame));
    }

    void onMessage(@Observes MessageAccepted event) {
        Set<Connection> set = members.get(Names.key(event.message().channel()));
        if (set == null || set.isEmpty()) {
            return;
        }
        String frame = Frames.encode(new Frames.MessageFrame(event.message()));
        for (Connection c : set) {
            c.offer(frame);
        }
    }

    void onLoginEnded(@Observes LoginEnded event) {
        Set<Connection> mine = byLogin.remove(event.loginId());
        if (mine != null) {
            mine.forEach(c -> c.close(new CloseReason(CloseReason.CloseCodes.VIOLATED_POLICY, "logged out")));
        }
    }

    private String channelsFrame() {
        String frame = channelsFrame;
        if (frame == null) {
            frame = Frames.encode(new Frames.Channels(chat.channelNames()));
            channelsFrame = frame;
        }
        return frame;
    }

    @PreDestroy
    void stop() {
        closer.shutdown();
    }
}
