package chat.flack.socket;

import chat.flack.config.Threads;
import chat.flack.domain.ChannelsChanged;
import chat.flack.domain.ChatService;
import chat.flack.domain.DirectsChanged;
import chat.flack.domain.LoginUser;
import chat.flack.domain.LoginEnded;
import chat.flack.domain.MessageAccepted;
import chat.flack.domain.MessageChanged;
import chat.flack.domain.Names;
import chat.flack.domain.PresenceChanged;
import chat.flack.domain.PresenceChanged.UserPresence;
import chat.flack.domain.Typing;
import chat.flack.domain.UnreadCounts;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.websocket.CloseReason;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * The open sockets: all of them, by channel (the membership sets) and by login. Turns the
 * chat's events into frames, each encoded once and queued on every connection that gets it.
 * Thread-safety: joins, leaves and broadcasts all run on the chat's sequencer; the sets of all
 * sockets and of each login's are concurrent, for the threads that open, close and ping them.
 */
@ApplicationScoped
public class Rooms {

    private static final Logger LOG = Logger.getLogger(Rooms.class.getName());
    private static final int CLOSER_THREADS = 16;
    /** How long a reader's {@code unread} frame waits for a message to leave with, at most. */
    private static final long UNREAD_LINGER_MILLIS = 250;
    /** How long the stop waits for each of its threads to end. */
    private static final long STOP_MILLIS = 5_000;

    @Inject
    ChatService chat;

    @Inject
    MeterRegistry meters;

    private final Set<Connection> all = ConcurrentHashMap.newKeySet();
    private final ConcurrentHashMap<String, Members> members = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Set<Connection>> byLogin = new ConcurrentHashMap<>();
    private final Threads threads = new Threads();
    /**
     * Closes sockets: Tomcat's close is a blocking call, and one to a stalled peer may wait for
     * the send timeout, so closes run here, where no delivery waits for them.
     */
    private final ExecutorService closer = Executors.newFixedThreadPool(CLOSER_THREADS,
            threads.daemons("flack-socket-closer"));
    private final ScheduledExecutorService heartbeat =
            Executors.newSingleThreadScheduledExecutor(threads.daemons("flack-heartbeat"));
    private ForkJoinPool encoders;
    private TomcatWrites writes;
    /** One per core: each sends broadcasts to its share of the connections. */
    private Broadcaster[] broadcasters;
    private final AtomicInteger nextSlot = new AtomicInteger();
    private volatile Frame channelsFrame;
    /** See {@link #shownList()}; only the sequencer uses it. */
    private PresenceList shownList;
    /** The counts of the last {@link UnreadCounts} shown, and their frame; only the sequencer uses them. */
    private List<UnreadCounts.Entry> lastCounts;
    private Frame.Lazy lastUnreadFrame;
    /** Connections whose counts are queued and not sent yet, and whether their sending is scheduled: see {@link #onUnread}. */
    private final ConcurrentLinkedQueue<Connection> unsent = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean unsentScheduled = new AtomicBoolean();
    private Counter deliveries;
    private Counter lagging;

    /** Observing the start creates this bean with the application, not at the first socket: its meters read 0 from the start. */
    void onStart(@Observes @Initialized(ApplicationScoped.class) Object event) {
        // nothing more to do: start() has registered the meters
    }

    @PostConstruct
    void start() {
        writes = TomcatWrites.find();
        // Encode history pages for their connections, off the sequencer and the broadcasters.
        encoders = new ForkJoinPool(chat.settings().writerThreads(), pool -> {
            ForkJoinWorkerThread t = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(pool);
            t.setName("flack-encoder-" + t.getPoolIndex());
            t.setDaemon(true);
            return threads.kept(t);
        }, null, true);
        broadcasters = new Broadcaster[Math.max(1, Runtime.getRuntime().availableProcessors())];
        for (int i = 0; i < broadcasters.length; i++) {
            broadcasters[i] = new Broadcaster(i);
        }
        Gauge.builder("flack.connections.open", all, Set::size).description("Open sockets").register(meters);
        Gauge.builder("flack.outbound.queue.depth", all, set -> set.stream().mapToInt(Connection::backlog).sum())
                .description("Frames waiting behind a send under way, over all sockets").register(meters);
        deliveries = Counter.builder("flack.deliveries").description("Message frames queued to sockets")
                .register(meters);
        lagging = Counter.builder("flack.connections.closed.lagging")
                .description("Sockets closed for falling behind or not answering pings").register(meters);
        long every = chat.settings().pingIntervalMillis();
        heartbeat.scheduleWithFixedDelay(this::checkLiveness, every, every, TimeUnit.MILLISECONDS);
    }

    /**
     * Pings every connection that has been quiet for a ping interval, and closes those quiet for
     * three: a peer that stopped reading its socket cannot answer, however large the buffers
     * between us are, so it is found within four intervals.
     */
    private void checkLiveness() {
        long now = System.nanoTime();
        long interval = TimeUnit.MILLISECONDS.toNanos(chat.settings().pingIntervalMillis());
        for (Connection c : all) {
            long quiet = now - c.lastHeard;
            if (quiet > 3 * interval) {
                LOG.info("Socket closed: no answer to pings for " + TimeUnit.NANOSECONDS.toSeconds(quiet) + " s");
                lagging.increment();
                c.close(new CloseReason(CloseReason.CloseCodes.GOING_AWAY, "no answer to ping"));
            } else if (quiet > interval) {
                c.ping();
            }
        }
    }

    /** Registers a new socket of {@code user}; null when that login has as many sockets open as it may. */
    Connection open(jakarta.websocket.Session session, chat.flack.domain.LoginUser user) {
        int slot = Math.floorMod(nextSlot.getAndIncrement(), broadcasters.length);
        Connection c = new Connection(writes.wireOf(session), user, slot, chat.settings().maxOutboundQueue(),
                chat.settings().maxOutboundBytes(), chat.settings().sendTimeoutMillis(), encoders, closer,
                lagging::increment);
        // Before it is registered anywhere: a close that comes from now on, on any thread, finds it.
        session.getUserProperties().put(Connection.KEY, c);
        int cap = chat.settings().maxSocketsPerUser();
        Set<Connection> mine = byLogin.compute(user.loginId(), (k, set) -> {
            Set<Connection> open = set != null ? set : ConcurrentHashMap.newKeySet();
            if (open.size() < cap) {
                open.add(c);
            }
            return open;
        });
        if (!mine.contains(c)) {
            return null;
        }
        chat.onSequencer(() -> {
            if (c.isOpen()) {
                all.add(c);
                chat.socketOpened(user);
                c.offer(channelsFrame());
                c.offer(shownList().with(online(chat.onlineSinceTick())));
                c.offer(directsFrame(user));
            }
        });
        if (!session.isOpen()) {
            // closed before it was registered, so the close found nothing to forget
            closed(c);
        }
        return c;
    }

    /**
     * Forgets a closed socket; more than once does no harm. On the sequencer, like the
     * registration in {@link #open} and every join, so a socket closed while it opens or joins
     * is never left registered.
     */
    void closed(Connection c) {
        byLogin.computeIfPresent(c.user.loginId(), (k, mine) -> {
            mine.remove(c);
            return mine.isEmpty() ? null : mine;
        });
        c.discard();
        chat.onSequencer(() -> {
            if (all.remove(c)) {
                chat.socketClosed(c.user);
            }
            leave(c);
            c.channel = null;
        });
    }

    /** Puts {@code c} in the channel; call it on the sequencer, right before queuing the history. */
    void join(Connection c, String channelKey) {
        members.computeIfAbsent(channelKey, k -> new Members()).add(c);
    }

    /** Takes {@code c} out of its channel; call it on the sequencer. */
    void leave(Connection c) {
        String key = c.channel;
        if (key != null) {
            Members m = members.get(key);
            if (m != null) {
                m.remove(c);
            }
        }
    }

    void onChannels(@Observes ChannelsChanged event) {
        Frame frame = Frame.of(new Frames.Channels(event.names()));
        channelsFrame = frame;
        all.forEach(c -> c.offer(frame));
    }

    /**
     * Sends a message to its channel: encoded once, then each broadcaster sends it to its share
     * of the members. The members are the ones of this moment on the sequencer, so a join
     * (which also runs there) sees each message either in its history or as a frame, never both.
     */
    void onMessage(@Observes MessageAccepted event) {
        deliveries.increment(broadcast(event.message().channel(), () -> new Frames.MessageFrame(event.message())));
    }

    /** Sends a message's new state to its channel, like a message. */
    void onChange(@Observes MessageChanged event) {
        broadcast(event.channel().name(), () -> new Frames.UpdateFrame(event.message()));
    }

    /** Encodes a frame once, if the channel has members here, and has every broadcaster send it; returns how many get it. */
    private int broadcast(String channel, Supplier<Object> frame) {
        Members m = members.get(Names.key(channel));
        if (m == null || m.set.isEmpty()) {
            return 0;
        }
        Frame encoded = Frame.of(frame.get());
        int receivers = 0;
        Connection[][] shares = m.shares();
        for (int i = 0; i < broadcasters.length; i++) {
            if (shares[i].length > 0) {
                broadcasters[i].send(shares[i], encoded);
                receivers += shares[i].length;
            }
        }
        return receivers;
    }

    /** Tells the channel that someone is typing: everyone there but that login's own sockets. */
    void onTyping(@Observes Typing event) {
        Members m = members.get(Names.key(event.channel().name()));
        if (m == null) {
            return;
        }
        String login = event.user().loginId();
        Frame frame = Frame.of(new Frames.TypingFrame(event.channel().name(), event.user().name()));
        m.set.stream().filter(c -> !c.user.loginId().equals(login)).forEach(c -> c.offer(frame));
    }

    /** Sends each login whose direct conversations changed its list, to every socket it has here. */
    void onDirects(@Observes DirectsChanged event) {
        for (String login : event.loginIds()) {
            Set<Connection> mine = byLogin.get(login);
            if (mine != null && !mine.isEmpty()) {
                Frame frame = directsFrame(mine.iterator().next().user);
                mine.forEach(c -> c.offer(frame));
            }
        }
    }

    private Frame directsFrame(LoginUser user) {
        return Frame.of(new Frames.DirectsFrame(chat.directsOf(user).stream()
                .map(d -> new Frames.DirectRef(d.channel().name(), d.other(user.loginId()).name())).toList()));
    }

    /**
     * Each reader's counts, on the sequencer at every tick: a thousand readers a second, so a
     * reader's frame is encoded in its place in the queue on the encoder pool
     * ({@link Connection#enqueueLazily}) while the sequencer goes on with the messages. Readers whose
     * counts are those of the reader before them (the readers of one busy channel, shown one after
     * the other at a tick) share that reader's frame, which is then encoded here, once, when the
     * second of them comes. The frame is not written at once: it leaves with the next
     * frame queued on that connection (in a busy channel, the next message, in the same write),
     * or at the latest {@link #UNREAD_LINGER_MILLIS} later.
     */
    void onUnread(@Observes UnreadCounts event) {
        Set<Connection> mine = byLogin.get(event.loginId());
        if (mine != null && !mine.isEmpty()) {
            if (!event.channels().equals(lastCounts)) {
                lastCounts = event.channels();
                lastUnreadFrame = Frame.lazily(new Frames.UnreadFrame(lastCounts));
            } else {
                // Shared: encoded here, once, so that none of its connections hands its next write to the encoder pool.
                lastUnreadFrame.get();
            }
            Frame.Lazy frame = lastUnreadFrame;
            for (Connection c : mine) {
                if (c.enqueueLazily(frame)) {
                    unsent.add(c);
                }
            }
            if (unsentScheduled.compareAndSet(false, true)) {
                try {
                    heartbeat.schedule(this::sendUnsent, UNREAD_LINGER_MILLIS, TimeUnit.MILLISECONDS);
                } catch (RejectedExecutionException e) {
                    LOG.fine("Unread counts not sent: Flack is stopping");
                }
            }
        }
    }

    /** Sends what waits on the connections whose counts were queued unsent (a connection sent meanwhile has nothing left). */
    private void sendUnsent() {
        unsentScheduled.set(false);
        Connection c;
        while ((c = unsent.poll()) != null) {
            c.send();
        }
    }

    void onPresence(@Observes PresenceChanged event) {
        shownList = null;
        Frame frame = Frame.of(new Frames.PresenceFrame(event.users()));
        all.forEach(c -> c.offer(frame));
    }

    void onLoginEnded(@Observes LoginEnded event) {
        Set<Connection> mine = byLogin.remove(event.loginId());
        if (mine != null) {
            mine.forEach(c -> c.close(new CloseReason(CloseReason.CloseCodes.VIOLATED_POLICY, "logged out")));
        }
    }

    /**
     * Everyone online at the last presence tick, encoded once per tick for every socket that
     * opens until the next, each adding those who came online since: a thousand sockets opening
     * in one second share one encoding of the list instead of each encoding the whole of it. On
     * the sequencer.
     */
    private PresenceList shownList() {
        PresenceList list = shownList;
        if (list == null) {
            list = new PresenceList(online(chat.shownOnline()));
            shownList = list;
        }
        return list;
    }

    /** Each of {@code names} as online. */
    private static List<UserPresence> online(List<String> names) {
        return names.stream().map(name -> new UserPresence(name, true)).toList();
    }

    private Frame channelsFrame() {
        Frame frame = channelsFrame;
        if (frame == null) {
            frame = Frame.of(new Frames.Channels(chat.channelNames()));
            channelsFrame = frame;
        }
        return frame;
    }

    /**
     * Closes every socket with 1001 (going away) once its queue is sent, waiting at most
     * {@code patience}: browsers reconnect to the next instance and page back.
     */
    void closeAll(Duration patience) throws InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        for (Broadcaster b : broadcasters) {
            if (!b.awaitSent(Math.max(1, deadline - System.nanoTime()))) {
                LOG.warning("Stopping before every broadcast was sent");
            }
        }
        while (System.nanoTime() < deadline && all.stream().anyMatch(c -> c.backlog() > 0)) {
            Thread.sleep(20);
        }
        all.forEach(c -> c.close(new CloseReason(CloseReason.CloseCodes.GOING_AWAY, "server stopping")));
        closer.shutdown();
        closer.awaitTermination(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())),
                TimeUnit.MILLISECONDS);
    }

    /** Ends every thread started here, and waits until they have ended: Tomcat warns about a thread an undeployed application left running. */
    @PreDestroy
    void stop() {
        heartbeat.shutdownNow();
        encoders.shutdownNow();
        closer.shutdown();
        try {
            for (Broadcaster b : broadcasters) {
                b.stop(STOP_MILLIS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        threads.awaitEnded(Duration.ofMillis(STOP_MILLIS));
    }

    /**
     * One channel's sockets here. A broadcast hands each broadcaster its share of them, the
     * sockets of its slot, as an array made again only after a join or a leave: a thousand
     * members are not copied, nor scanned by every broadcaster, for each message. Joins,
     * leaves and broadcasts all run on the sequencer.
     */
    private final class Members {
        final Set<Connection> set = ConcurrentHashMap.newKeySet();
        private Connection[][] shares;

        void add(Connection c) {
            if (set.add(c)) {
                shares = null;
            }
        }

        void remove(Connection c) {
            if (set.remove(c)) {
                shares = null;
            }
        }

        /** By broadcaster slot, the members that broadcaster sends to. */
        Connection[][] shares() {
            if (shares == null) {
                List<List<Connection>> bySlot = new ArrayList<>();
                for (int i = 0; i < broadcasters.length; i++) {
                    bySlot.add(new ArrayList<>());
                }
                set.forEach(c -> bySlot.get(c.slot).add(c));
                shares = bySlot.stream().map(l -> l.toArray(new Connection[0])).toArray(Connection[][]::new);
            }
            return shares;
        }
    }
}
