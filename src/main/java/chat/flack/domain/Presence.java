package chat.flack.domain;

import chat.flack.domain.PresenceChanged.UserPresence;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Who is online: a user with a socket open on any node. This node counts its own sockets per
 * name and tells the other nodes its set when it changes and every {@link #BEAT_MILLIS}; a
 * node not heard from for {@link #FORGET_MILLIS} is forgotten (it died, or the relay is down).
 * Changes are shown at each {@link #tick}, so a thousand logins within a second make one
 * {@code presence} frame per socket, not a thousand.
 * Thread-safety: everything runs on the chat's sequencer.
 */
final class Presence {

    static final long TICK_MILLIS = 1_000;
    static final long BEAT_MILLIS = 3_000;
    static final long FORGET_MILLIS = 7_000;

    private final String node;
    private final Consumer<NodePresence> publish;
    private final Consumer<PresenceChanged> show;
    private final LongSupplier nanos;
    /** By name key: the display name and how many of this node's sockets it has open. */
    private final Map<String, Local> local = new HashMap<>();
    private final Map<String, Heard> others = new HashMap<>();
    /** By name key, the display names shown as online at the last tick. */
    private Map<String, String> shown = new LinkedHashMap<>();
    private List<String> published = List.of();
    /** How many are online, as of the last tick; read by the metrics from any thread. */
    private volatile int onlineCount;
    private long publishedAt;

    private static final class Local {
        final String name;
        int sockets;

        Local(String name) {
            this.name = name;
        }
    }

    private record Heard(List<String> users, long at) {
    }

    Presence(String node, Consumer<NodePresence> publish, Consumer<PresenceChanged> show, LongSupplier nanos) {
        this.node = node;
        this.publish = publish;
        this.show = show;
        this.nanos = nanos;
        this.publishedAt = nanos.getAsLong();
    }

    void opened(LoginUser user) {
        local.computeIfAbsent(user.key(), k -> new Local(user.name())).sockets++;
    }

    void closed(LoginUser user) {
        Local l = local.get(user.key());
        if (l != null && --l.sockets <= 0) {
            local.remove(user.key());
        }
    }

    /** How many users were online at the last tick (any thread). */
    int onlineCount() {
        return onlineCount;
    }

    /** Takes another node's set. */
    void heard(NodePresence presence) {
        if (!presence.node().equals(node)) {
            others.put(presence.node(), new Heard(presence.users(), nanos.getAsLong()));
        }
    }

    /**
     * Who was online at the last tick: the same list until the next {@link PresenceChanged}, so a
     * socket that opens meanwhile can be sent one frame of it encoded once.
     */
    List<String> shownOnline() {
        return new ArrayList<>(shown.values());
    }

    /**
     * This node's users online since the last tick and not shown yet: with {@link #shownOnline}
     * they are everyone online now, as a socket that just opened should see them.
     */
    List<String> onlineSinceTick() {
        List<String> since = new ArrayList<>();
        local.forEach((key, l) -> {
            if (!shown.containsKey(key)) {
                since.add(l.name);
            }
        });
        return since;
    }

    /** Tells the other nodes this node's set if it changed or a beat is due, and shows what changed. */
    void tick() {
        long now = nanos.getAsLong();
        List<String> mine = local.values().stream().map(l -> l.name).sorted().toList();
        if (!mine.equals(published) || now - publishedAt >= TimeUnit.MILLISECONDS.toNanos(BEAT_MILLIS)) {
            publish.accept(new NodePresence(node, mine));
            published = mine;
            publishedAt = now;
        }
        others.values().removeIf(h -> now - h.at() > TimeUnit.MILLISECONDS.toNanos(FORGET_MILLIS));
        Map<String, String> online = new LinkedHashMap<>();
        local.forEach((key, l) -> online.put(key, l.name));
        others.values().forEach(h -> h.users().forEach(name -> online.putIfAbsent(Names.key(name), name)));
        List<UserPresence> changes = new ArrayList<>();
        shown.forEach((key, name) -> {
            if (!online.containsKey(key)) {
                changes.add(new UserPresence(name, false));
            }
        });
        online.forEach((key, name) -> {
            if (!shown.containsKey(key)) {
                changes.add(new UserPresence(name, true));
            }
        });
        shown = online;
        onlineCount = online.size();
        if (!changes.isEmpty()) {
            show.accept(new PresenceChanged(changes));
        }
    }
}
