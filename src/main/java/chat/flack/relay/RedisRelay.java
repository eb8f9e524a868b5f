package chat.flack.relay;

import chat.flack.config.Json;
import chat.flack.config.Threads;
import chat.flack.domain.ChannelCreated;
import chat.flack.domain.ChatStore.StoredChannel;
import chat.flack.domain.Direct;
import chat.flack.domain.DirectOpened;
import chat.flack.domain.LoginEnded;
import chat.flack.domain.LoginStarted;
import chat.flack.domain.LoginUser;
import chat.flack.domain.Message;
import chat.flack.domain.MessageChanged;
import chat.flack.domain.MessageStored;
import chat.flack.domain.NodeEvent;
import chat.flack.domain.NodePresence;
import chat.flack.domain.ReadMoved;
import chat.flack.domain.Relay;
import chat.flack.domain.Typing;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import io.netty.util.concurrent.DefaultThreadFactory;

import java.net.SocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The relay between nodes over Redis pub/sub (Lettuce, which reconnects and re-subscribes by
 * itself). Each event goes out as one JSON message on one Redis channel, marked with this
 * node's id so that the node skips its own. Pub/sub is at most once and nothing is queued
 * while Redis is away (a publish then fails at once): the nodes make good what was lost from
 * PostgreSQL by comparing positions. A node that starts while Redis is away keeps trying.
 */
final class RedisRelay implements Relay {

    private static final Logger LOG = Logger.getLogger(RedisRelay.class.getName());
    static final String CHANNEL = "flack:events";
    private static final long RETRY_MILLIS = 2_000;

    /** Reconnect attempts back off from 100 ms to at most 1 s: a relay back is used within a second. */
    private static final Delay RECONNECT = Delay.exponential(Duration.ofMillis(100), Duration.ofSeconds(1), 2,
            TimeUnit.MILLISECONDS);

    /** This relay's threads, Lettuce's and Netty's among them, so that closing can wait until each has ended. */
    private final Threads threads = new Threads();
    private final ClientResources resources = ClientResources.builder().reconnectDelay(RECONNECT)
            .threadFactoryProvider(pool -> threads.keeping(new DefaultThreadFactory(pool, true))).build();
    private final RedisClient client;
    private final String node = UUID.randomUUID().toString();
    private final ScheduledExecutorService connector =
            Executors.newSingleThreadScheduledExecutor(threads.daemons("flack-relay-connect"));
    private volatile StatefulRedisPubSubConnection<String, String> subscription;
    private volatile StatefulRedisConnection<String, String> publisher;
    private volatile boolean up;
    private Consumer<NodeEvent> fromOthers;
    private Runnable reconnected;
    /** Whether the relay was up once: a later "up" is a return, after which events may be missing. */
    private volatile boolean wasUp;
    /** Set when this node stops: the disconnection that follows is no outage to warn of. */
    private volatile boolean closing;

    RedisRelay(String url) {
        client = RedisClient.create(resources, RedisURI.create(url));
        client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .build());
        client.addListener(new RedisConnectionStateListener() {
            @Override
            public void onRedisConnected(io.lettuce.core.RedisChannelHandler<?, ?> connection, SocketAddress address) {
                if (connection == subscription) {
                    changed(true);
                }
            }

            @Override
            public void onRedisDisconnected(io.lettuce.core.RedisChannelHandler<?, ?> connection) {
                if (connection == subscription) {
                    changed(false);
                }
            }
        });
    }

    @Override
    public void start(Consumer<NodeEvent> fromOthers, Runnable reconnected) {
        this.fromOthers = fromOthers;
        this.reconnected = reconnected;
        connector.execute(this::connect);
    }

    private void connect() {
        try {
            StatefulRedisPubSubConnection<String, String> sub = client.connectPubSub();
            sub.addListener(new RedisPubSubAdapter<>() {
                @Override
                public void message(String channel, String message) {
                    received(message);
                }
            });
            sub.sync().subscribe(CHANNEL);
            publisher = client.connect();
            subscription = sub;
            changed(true);
        } catch (RuntimeException e) {
            if (closing) {
                return;
            }
            LOG.log(Level.FINE, "Redis is not reachable yet", e);
            if (!up) {
                LOG.warning("The relay (FLACK_REDIS_URL) is not reachable: " + e.getMessage() + "; retrying every 2 s");
            }
            connector.schedule(this::connect, RETRY_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    private void changed(boolean nowUp) {
        if (up != nowUp) {
            up = nowUp;
            if (!closing) {
                LOG.log(nowUp ? Level.INFO : Level.WARNING, "The relay between nodes is " + (nowUp ? "up" : "DOWN"));
            }
            if (nowUp && wasUp) {
                reconnected.run();
            }
            wasUp |= nowUp;
        }
    }

    @Override
    public void publish(NodeEvent event) {
        StatefulRedisConnection<String, String> p = publisher;
        if (p == null || !up) {
            return;
        }
        try {
            p.async().publish(CHANNEL, Json.JSONB.toJson(Envelope.of(node, event)));
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "An event was not relayed", e);
        }
    }

    private void received(String json) {
        Envelope e;
        try {
            e = Json.JSONB.fromJson(json, Envelope.class);
        } catch (RuntimeException bad) {
            LOG.warning("A relayed event could not be read: " + bad.getMessage());
            return;
        }
        if (!node.equals(e.node())) {
            NodeEvent event = e.event();
            if (event != null) {
                fromOthers.accept(event);
            }
        }
    }

    @Override
    public boolean spansNodes() {
        return true;
    }

    @Override
    public boolean isUp() {
        return up;
    }

    @Override
    public void close() {
        closing = true;
        connector.shutdownNow();
        client.shutdown(0, 2, TimeUnit.SECONDS);
        resources.shutdown(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
        threads.awaitEnded(Duration.ofSeconds(5));
    }

    /** One event as it travels: which node sent it, what kind it is, and its parts. */
    public record Envelope(String node, String type, StoredChannel channel, Message message, Long previousId,
                           LoginUser user, String sessionHash, Instant at, List<String> users, Direct direct) {

        static Envelope of(String node, NodeEvent event) {
            if (event instanceof MessageStored m) {
                return new Envelope(node, "message", m.channel(), m.message(), m.previousId(), null, null, null, null,
                        null);
            }
            if (event instanceof ChannelCreated c) {
                return new Envelope(node, "channel", c.channel(), null, null, null, null, null, null, null);
            }
            if (event instanceof LoginStarted l) {
                return new Envelope(node, "login", null, null, null, l.user(), l.sessionHash(), l.at(), null, null);
            }
            if (event instanceof MessageChanged c) {
                return new Envelope(node, "change", c.channel(), c.message(), null, null, null, null, null, null);
            }
            if (event instanceof Typing t) {
                return new Envelope(node, "typing", t.channel(), null, null, t.user(), null, null, null, null);
            }
            if (event instanceof NodePresence p) {
                return new Envelope(node, "presence", null, null, null, null, null, null, p.users(), null);
            }
            if (event instanceof ReadMoved r) {
                return new Envelope(node, "read", r.channel(), null, null, r.user(), null, null, null, null);
            }
            if (event instanceof DirectOpened d) {
                return new Envelope(node, "direct", null, null, null, null, null, null, null, d.direct());
            }
            LoginEnded l = (LoginEnded) event;
            return new Envelope(node, "logout", null, null, null, l.user(), null, null, null, null);
        }

        /** The event, or null for a kind this node does not know (sent by a newer node). */
        NodeEvent event() {
            return switch (type == null ? "" : type) {
                case "message" -> new MessageStored(channel, message, previousId);
                case "channel" -> new ChannelCreated(channel);
                case "login" -> new LoginStarted(user, sessionHash, at);
                case "logout" -> new LoginEnded(user);
                case "change" -> new MessageChanged(channel, message);
                case "typing" -> new Typing(channel, user);
                case "presence" -> new NodePresence(node, users);
                case "direct" -> new DirectOpened(direct);
                case "read" -> new ReadMoved(user, channel);
                default -> null;
            };
        }
    }
}
