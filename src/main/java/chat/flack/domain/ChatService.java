package chat.flack.domain;

import chat.flack.config.Settings;
import chat.flack.config.Threads;
import chat.flack.domain.ChatStore.Change;
import chat.flack.domain.ChatStore.Changed;
import chat.flack.domain.ChatStore.Inserted;
import chat.flack.domain.ChatStore.NewMessage;
import chat.flack.domain.ChatStore.Snapshot;
import chat.flack.domain.ChatStore.StoredChannel;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.TimeMeter;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The shared dictionaries of Flack (users; channels and the newest page of their messages) and
 * every rule over them. Servlets and the socket endpoint ask it; it tells this node's sockets
 * what happened as CDI events ({@link ChannelsChanged}, {@link MessageAccepted},
 * {@link LoginEnded}), and the other nodes through the {@link Relay} ({@link NodeEvent}s),
 * whose events it applies on the same path as its own.
 *
 * <p>Thread-safety: the dictionaries are concurrent maps; channel creation holds one lock;
 * channel pages and positions are changed and read only on the single "sequencer" thread,
 * which also fires every event, so each connection sees a channel's history and its new
 * messages in id order.
 */
@ApplicationScoped
public class ChatService {

    private static final Logger LOG = Logger.getLogger(ChatService.class.getName());

    @Inject
    Settings settings;

    @Inject
    ChatStore store;

    @Inject
    Relay relay;

    @Inject
    Event<ChatEvent> events;

    @Inject
    MeterRegistry meters;

    private Accounts accounts;
    private Channels channels;
    private final Directs directs = new Directs();
    private final SecureRandom random = new SecureRandom();
    private final Object channelLock = new Object();
    private final Threads threads = new Threads();
    /** 32 MiB of recent messages answer resends from memory (about 100 000 short ones). */
    private final Resends resends = new Resends(32L * 1024 * 1024);

    /** Tasks waiting on the sequencer past which a request that would add one is refused. */
    private static final int MAX_SEQUENCED = 50_000;
    private static final int PAGE_READERS = 2;
    /** How often a node that shares its database compares its channels' positions with the store's. */
    private static final long POSITION_CHECK_MILLIS = 2_000;
    private static final int CHANGERS = 2;
    /** Distinct emoji on one message, and reactions on it in all. */
    static final int MAX_EMOJI = 20;
    static final int MAX_REACTIONS = 1_000;
    /** A user's {@code typing} in a channel is shown at most once in this time. */
    static final Duration TYPING_EVERY = Duration.ofSeconds(2);

    private Sequencer sequencer;
    private MessageContent content;
    private ExecutorService pageReaders;
    private Pages pages;
    private Positions positions;
    private OtherNodes otherNodes;
    private Mentions mentions;
    private ExecutorService changers;
    private Presence presence;
    private Unread unread;
    private final String node = UUID.randomUUID().toString();
    /** By message id, the version of it last shown here (on the sequencer). */
    private final Cache<Long, Integer> versions = Caffeine.newBuilder().maximumSize(100_000).build();
    /** "channel id, user key" of the typing shown in the last {@link #TYPING_EVERY}. */
    private final Cache<String, Boolean> typists = Caffeine.newBuilder().expireAfterWrite(TYPING_EVERY)
            .maximumSize(100_000).build();

    private ScheduledExecutorService starter;
    private GroupCommitter committer;
    private RequestLimits limits;
    private Counter accepted;
    private volatile boolean ready;
    private volatile String notReadyReason = "starting";
    private int failedStarts;

    void onStart(@Observes @Initialized(ApplicationScoped.class) Object event) {
        limits = new RequestLimits(settings, TimeMeter.SYSTEM_NANOTIME);
        channels = new Channels();
        accepted = Counter.builder("flack.messages.accepted").description("Messages stored and broadcast")
                .register(meters);
        accounts = new Accounts(store, relay, limits, ChatService::now);
        Gauge.builder("flack.logins", accounts, Accounts::size)
                .description("Current logins: display names held, whether or not a socket is open").register(meters);
        sequencer = new Sequencer(MAX_SEQUENCED, threads.daemons("flack-sequencer"));
        content = new MessageContent(settings.maxMessageLength());
        mentions = new Mentions(settings.maxNameLength(), key -> accounts.holder(key).map(LoginUser::name));
        changers = Executors.newFixedThreadPool(CHANGERS, threads.daemons("flack-changer"));
        presence = new Presence(node, p -> relay.publish(p), events::fire, System::nanoTime);
        unread = new Unread(this::loadUnread, (u, c, at) -> moveRead(u, c, at, () -> { }), c -> positions.position(c),
                events::fire);
        Gauge.builder("flack.users.online", presence, Presence::onlineCount)
                .description("Users with a socket open on any node, as this node last counted them").register(meters);
        pageReaders = Executors.newFixedThreadPool(PAGE_READERS, threads.daemons("flack-page-reader"));
        pages = new Pages(settings.historyLimit(), settings.maxPageBytes(),
                c -> store.messagesBefore(c, Long.MAX_VALUE, settings.historyLimit()), c -> positions.position(c),
                pageReaders, sequencer);
        Gauge.builder("flack.pages.bytes", pages, Pages::bytes).baseUnit("bytes")
                .description("Heap bytes of the channel pages kept in memory for joins").register(meters);
        positions = new Positions((c, after) -> store.messagesAfter(c, after, Positions.READ_LIMIT), pageReaders,
                sequencer, task -> starter.schedule(() -> sequencer.execute(task), Positions.GRACE_MILLIS,
                        TimeUnit.MILLISECONDS),
                Counter.builder("flack.positions.reads").description("Channels read from the store to fill a gap"
                        + " in the messages this node was given").register(meters)::increment, this::deliver);
        otherNodes = new OtherNodes(store, positions, accounts, this::learnChannel, this::channelNames, events::fire,
                sequencer, directs::knows, this::learnDirect);
        Gauge.builder("flack.relay.up", relay, r -> r.isUp() ? 1 : 0)
                .description("1 while the relay between nodes carries events (always 1 for one node)").register(meters);
        starter = Executors.newSingleThreadScheduledExecutor(threads.daemons("flack-starter"));
        // The first try is made during start-up, so that a deployment that can reach its
        // database is ready when Tomcat says it is started; later tries run in the background.
        loadOrRetry();
    }

    private void loadOrRetry() {
        try {
            Snapshot snapshot = store.load();
            snapshot.channels().stream().filter(c -> !c.direct()).forEach(c -> channels.restore(c.channel()));
            store.directs(null).forEach(directs::add);
            onSequencer(() -> snapshot.channels().forEach(c -> positions.known(c.channel(), c.lastMessageId())));
            snapshot.users().forEach(accounts::restore);
            committer = new GroupCommitter(store, this::onCommitted, Timer.builder("flack.db.commit")
                    .description("Time to store one group of messages").register(meters));
            ready = true;
            starter.scheduleWithFixedDelay(this::endUnusedLogins, 0, 1, TimeUnit.HOURS);
            relay.start(event -> onSequencer(() -> fromOtherNode(event)), () -> {
                starter.execute(otherNodes::relayReturned);
                onSequencer(unread::reloadAll);
            });
            starter.scheduleWithFixedDelay(() -> onSequencer(() -> {
                presence.tick();
                unread.tick();
            }), Presence.TICK_MILLIS, Presence.TICK_MILLIS, TimeUnit.MILLISECONDS);
            if (relay.spansNodes()) {
                starter.scheduleWithFixedDelay(otherNodes::comparePositions, POSITION_CHECK_MILLIS,
                        POSITION_CHECK_MILLIS, TimeUnit.MILLISECONDS);
            }
            LOG.info("Flack is ready: " + channels.size() + " channel(s), " + accounts.size() + " user(s)"
                    + (failedStarts > 0 ? ", after " + failedStarts + " failed tries to reach the database" : ""));
        } catch (StoreException e) {
            notReadyReason = "database unreachable: " + e.getMessage();
            // One clear line when the database is first missed; the retries every 2 s stay quiet.
            LOG.log(failedStarts++ == 0 ? Level.WARNING : Level.FINE,
                    "Flack cannot reach its database (FLACK_DB_URL): " + e.getMessage() + "; retrying every 2 s");
            starter.schedule(this::loadOrRetry, 2, TimeUnit.SECONDS);
        }
    }

    /**
     * Stops taking messages, stores every message already taken and fires its event: after
     * this, nothing accepted is waiting anywhere. Called once when the application stops.
     */
    public void drain() {
        ready = false;
        notReadyReason = "stopping";
        try {
            if (committer != null) {
                committer.stop();
            }
            starter.shutdownNow();
            pageReaders.shutdown();
            changers.shutdown();
            sequencer.stop(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @PreDestroy
    void stop() {
        drain();
        // Their threads have ended before the application is gone: Tomcat warns about one left running.
        threads.awaitEnded(Duration.ofSeconds(5));
        store.close();
    }

    /** Null when Flack can serve; otherwise why not. */
    public String unavailableReason() {
        if (!ready) {
            return notReadyReason;
        }
        return store.isHealthy() ? null : "database unreachable";
    }

    /** "UP" or "DOWN" for the relay of a node of several; null for a single node. */
    public String relayState() {
        return relay.spansNodes() ? (relay.isUp() ? "UP" : "DOWN") : null;
    }

    public Settings settings() {
        return settings;
    }

    // ---- users

    /**
     * Whether {@code name} could be taken now.
     *
     * @throws ChatException {@code invalid-name} for a name that mixes scripts and looks like no name in use
     */
    public boolean isNameAvailable(Name name) {
        requireReady();
        return accounts.isAvailable(name);
    }

    /**
     * Takes {@code name} for a new login bound to the session whose id hashes to {@code sessionHash},
     * asked for from {@code address}.
     */
    public LoginUser login(Name name, String sessionHash, String address) {
        requireReady();
        LoginUser user = accounts.login(name, sessionHash, address);
        // Through the sequencer, like every event: request threads never run the relay's client.
        LoginStarted started = new LoginStarted(user, sessionHash, now());
        onSequencer(() -> relay.publish(started));
        return user;
    }

    /** Ends a login: releases its name and closes its connections, on every node. */
    public void logout(LoginUser user) {
        LoginEnded ended = accounts.end(user);
        onSequencer(() -> {
            events.fire(ended);
            relay.publish(ended);
        });
    }

    /**
     * The login of a session that Tomcat no longer knows (after a restart, or made through
     * another node), if it is still current; a junk session cookie costs at most one bounded,
     * cached query.
     */
    public Optional<LoginUser> restore(String sessionHash) {
        return ready ? accounts.bySession(sessionHash) : Optional.empty();
    }

    /** Records that {@code user}'s login now lives in the session whose id hashes to {@code sessionHash}. */
    public void rebind(LoginUser user, String sessionHash) {
        accounts.rebind(user, sessionHash);
    }

    /** True while {@code user} is the current holder of its name. */
    public boolean isCurrent(LoginUser user) {
        return accounts.isCurrent(user);
    }

    /**
     * Records that {@code user} is using Flack now (a socket opened); written to the database
     * at most once an hour per login, off the caller's thread.
     */
    public void touch(LoginUser user) {
        accounts.touch(user, starter);
    }

    /** Ends the logins not used for {@code FLACK_SESSION_DAYS}, so that their names are free again. */
    private void endUnusedLogins() {
        List<LoginUser> unused = accounts.unusedSince(now().minus(settings.sessionDays(), ChronoUnit.DAYS));
        unused.forEach(this::logout);
        if (!unused.isEmpty()) {
            LOG.info("Released " + unused.size() + " name(s) not used for " + settings.sessionDays() + " days");
        }
    }

    /** How many logins are current (names held), on every node. */
    public int logins() {
        return accounts.size();
    }

    // ---- channels

    /**
     * Whether a channel named {@code name} could be created now.
     *
     * @throws ChatException {@code invalid-channel} for a name that mixes scripts and looks like no channel
     */
    public boolean isChannelAvailable(Name name) {
        requireReady();
        if (channels.isTaken(name)) {
            return false;
        }
        requireSingleScript(name, ErrorCode.INVALID_CHANNEL);
        return true;
    }

    /** Creates a channel for {@code user}; every connection is then sent the new list. */
    public String createChannel(LoginUser user, Name name) {
        requireReady();
        StoredChannel created;
        synchronized (channelLock) {
            if (!isChannelAvailable(name)) {
                throw new ChatException(ErrorCode.CHANNEL_TAKEN);
            }
            if (channels.size() >= settings.maxChannels()) {
                throw new ChatException(ErrorCode.TOO_MANY_CHANNELS);
            }
            if (!limits.creates.tryTake(user.key())) {
                throw new ChatException(ErrorCode.RATE_LIMITED, "You are creating channels too fast; wait a moment.");
            }
            Optional<Long> id;
            try {
                id = store.insertChannel(name.display(), name.key(), now());
            } catch (StoreException e) {
                limits.creates.refund(user.key());
                throw new ChatException(ErrorCode.UNAVAILABLE, e);
            }
            if (id.isEmpty()) {
                limits.creates.refund(user.key());
                throw new ChatException(ErrorCode.CHANNEL_TAKEN);
            }
            created = new StoredChannel(id.get(), name.display(), name.key());
            channels.add(name, created);
        }
        onSequencer(() -> {
            positions.known(created, 0);
            events.fire(new ChannelsChanged(channelNames()));
            relay.publish(new ChannelCreated(created));
        });
        return name.display();
    }

    public int channelCount() {
        return channels.size();
    }

    /** The channel names in creation order. */
    public List<String> channelNames() {
        return channels.names();
    }

    /**
     * Joins a channel: runs {@code then} on the sequencer with the channel's name and newest page
     * (and the user's read position in it, when known), so that whatever {@code then} registers sees every later message of it, in order. The
     * result completes once {@code then} has run, or fails ({@code unavailable}) when the page
     * could not be read from the store.
     */
    public CompletableFuture<Void> join(LoginUser user, String rawName, Consumer<History> then) {
        requireReady();
        StoredChannel c = visible(user, rawName).orElseThrow(() -> new ChatException(ErrorCode.NO_SUCH_CHANNEL));
        takeBrowse(user);
        sequencer.requireRoom();
        CompletableFuture<Void> joined = new CompletableFuture<>();
        onSequencer(() -> pages.newest(c).whenComplete((page, failure) -> {
            if (failure != null) {
                joined.completeExceptionally(new ChatException(ErrorCode.UNAVAILABLE, failure));
            } else {
                then.accept(new History(c.name(), page, unread.readPosition(user, c)));
                unread.joined(user, c);
                joined.complete(null);
            }
        }));
        return joined;
    }

    /** The messages of a channel just older than {@code before}, oldest first. */
    public History older(LoginUser user, String rawName, long before) {
        return page(user, rawName, c -> store.messagesBefore(c, before, settings.historyLimit()));
    }

    /**
     * The messages of a channel just newer than {@code after}, oldest first: those stored, so
     * possibly a few not yet delivered here, which the channel's {@code message}s then repeat.
     */
    public History newer(LoginUser user, String rawName, long after) {
        return page(user, rawName, c -> store.messagesAfter(c, after, settings.historyLimit()));
    }

    /** A page of a channel {@code user} may read, from the store; {@code older} and {@code newer} share the join budget. */
    private History page(LoginUser user, String rawName, Function<StoredChannel, List<Message>> read) {
        requireReady();
        StoredChannel c = visible(user, rawName).orElseThrow(() -> new ChatException(ErrorCode.NO_SUCH_CHANNEL));
        takeBrowse(user);
        try {
            return new History(c.name(), read.apply(c));
        } catch (StoreException e) {
            throw new ChatException(ErrorCode.UNAVAILABLE, e);
        }
    }

    /** Runs {@code task} on the sequencer, after every event fired so far. */
    public void onSequencer(Runnable task) {
        sequencer.execute(task);
    }

    // ---- messages

    /**
     * Accepts a message from {@code user}, who is in channel {@code channelName}, in the order of
     * PROTOCOL.md: a known client id answers with the stored message; then content; then rate.
     * The future completes once the message is stored (it is broadcast by then as a
     * {@link MessageAccepted}), or exceptionally with {@code unavailable}. A client id that
     * memory does not know costs no database round trip here: the store's insert finds one
     * stored before (the unique key), and only a send about to be refused asks the store
     * first, so that a resend of a stored message is answered with it, never refused.
     *
     * @param uploads the size of the upload of a file name, empty when there is no such upload
     * @throws ChatException for a refused message
     */
    public CompletableFuture<SendOutcome> send(LoginUser user, String channelName, String text, String image,
                                               String clientId, Function<String, Optional<ImageSize>> uploads) {
        requireCurrent(user);
        StoredChannel c = visible(user, channelName).orElseThrow(() -> new ChatException(ErrorCode.NOT_IN_CHANNEL));
        String key = clientId == null ? null : Resends.key(c.id(), user.key(), clientId);
        if (key != null) {
            Optional<CompletableFuture<Message>> known = resends.known(key);
            if (known.isPresent()) {
                return known.get().thenApply(m -> new SendOutcome(m, true));
            }
        }
        MessageContent.Attachment attachment;
        try {
            attachment = content.check(text, image, uploads);
            if (!limits.sends.tryTake(user.key())) {
                throw new ChatException(ErrorCode.RATE_LIMITED);
            }
        } catch (ChatException refused) {
            Optional<Message> earlier = clientId == null ? Optional.empty() : stored(c, user, clientId);
            return earlier.map(m -> CompletableFuture.completedFuture(new SendOutcome(m, true)))
                    .orElseThrow(() -> refused);
        }
        CompletableFuture<Message> stored = new CompletableFuture<>();
        if (key != null) {
            Optional<CompletableFuture<Message>> racing = resends.begin(key, stored);
            if (racing.isPresent()) {
                limits.sends.refund(user.key());
                return racing.get().thenApply(m -> new SendOutcome(m, true));
            }
        }
        NewMessage message = new NewMessage(c, user.name(), user.key(), text,
                attachment == null ? null : attachment.url(), attachment == null ? null : attachment.size(), now(),
                clientId, user.loginId(), mentions.in(text));
        CompletableFuture<SendOutcome> outcome = new CompletableFuture<>();
        committer.submit(message).whenComplete((inserted, failure) -> {
            if (failure != null || inserted.existed()) {
                limits.sends.refund(user.key());
            }
            if (failure != null) {
                if (key != null) {
                    resends.failed(key, stored);
                }
                stored.completeExceptionally(failure);
                outcome.completeExceptionally(failure);
            } else {
                if (inserted.existed()) {
                    resends.stored(key, inserted.message());
                }
                stored.complete(inserted.message());
                outcome.complete(new SendOutcome(inserted.message(), inserted.existed()));
            }
        });
        return outcome;
    }

    /** The message {@code user} stored in {@code c} with that client id, asked of the store. */
    private Optional<Message> stored(StoredChannel c, LoginUser user, String clientId) {
        try {
            return store.findByClientId(c, user.key(), clientId);
        } catch (StoreException e) {
            throw new ChatException(ErrorCode.UNAVAILABLE, e);
        }
    }

    private void onCommitted(List<Inserted> batch) {
        accepted.increment(batch.size());
        List<MessageStored> stored = new ArrayList<>(batch.size());
        for (Inserted i : batch) {
            Message m = i.message();
            StoredChannel c = known(m.channel()).orElseThrow();
            if (m.clientId() != null) {
                resends.stored(Resends.key(c.id(), m.userKey(), m.clientId()), m);
            }
            stored.add(new MessageStored(c, m, i.previousId()));
        }
        onSequencer(() -> {
            for (MessageStored event : stored) {
                positions.stored(event);
                relay.publish(event);
            }
        });
    }

    // ---- changes to messages

    /**
     * Gives {@code user}'s own message {@code id} new text. The future completes once it is
     * stored (and, when it changed, shown as an {@code update}), or exceptionally.
     *
     * @throws ChatException for a refused edit
     */
    public CompletableFuture<Changed> edit(LoginUser user, String channelName, long id, String text) {
        StoredChannel c = channelFor(user, channelName);
        List<String> mentioned = mentions.in(text);
        Instant at = now();
        return change(user, c, id, m -> {
            requireOwn(user, m);
            if (m.deleted()) {
                throw new ChatException(ErrorCode.NO_SUCH_MESSAGE);
            }
            content.checkText(text, m.image() != null);
            return m.text().equals(text) ? new Change.Keep() : new Change.SetText(text, mentioned, at);
        });
    }

    /** Makes {@code user}'s own message {@code id} a deleted one; a deleted one stays as it is. */
    public CompletableFuture<Changed> delete(LoginUser user, String channelName, long id) {
        StoredChannel c = channelFor(user, channelName);
        return change(user, c, id, m -> {
            requireOwn(user, m);
            return m.deleted() ? new Change.Keep() : new Change.Delete();
        });
    }

    /** Adds ({@code on}) or removes {@code user}'s reaction {@code emoji} on message {@code id}. */
    public CompletableFuture<Changed> react(LoginUser user, String channelName, long id, String emoji, boolean on) {
        StoredChannel c = channelFor(user, channelName);
        if (!Emoji.isOne(emoji)) {
            throw new ChatException(ErrorCode.INVALID_EMOJI);
        }
        return change(user, c, id, m -> {
            if (m.deleted()) {
                throw new ChatException(ErrorCode.NO_SUCH_MESSAGE);
            }
            Optional<Message.Reaction> same = m.reactions().stream().filter(r -> r.emoji().equals(emoji)).findFirst();
            boolean reacted = same.map(r -> r.users().contains(user.name())).orElse(false);
            if (reacted == on) {
                return new Change.Keep();
            }
            if (on && (same.isEmpty() && m.reactions().size() >= MAX_EMOJI
                    || m.reactions().stream().mapToInt(r -> r.users().size()).sum() >= MAX_REACTIONS)) {
                throw new ChatException(ErrorCode.TOO_MANY_REACTIONS);
            }
            return new Change.React(emoji, user.key(), user.name(), on);
        });
    }

    private StoredChannel channelFor(LoginUser user, String channelName) {
        requireCurrent(user);
        return visible(user, channelName).orElseThrow(() -> new ChatException(ErrorCode.NOT_IN_CHANNEL));
    }

    private static void requireOwn(LoginUser user, Message m) {
        if (!m.writtenBy(user.loginId())) {
            throw new ChatException(ErrorCode.NOT_YOURS);
        }
    }

    /**
     * Changes a message in the store, off the caller's thread: {@code decide} says what to do
     * with it as stored (or throws); a change takes from the sender's budget, last, so that a
     * refused one costs nothing. A change is shown (and relayed) before the future completes.
     */
    private CompletableFuture<Changed> change(LoginUser user, StoredChannel c, long id,
                                              Function<Message, Change> decide) {
        sequencer.requireRoom();
        AtomicReference<Change> decided = new AtomicReference<>();
        Function<Message, Change> charged = m -> {
            Change change = decide.apply(m);
            if (!(change instanceof Change.Keep)) {
                if (!limits.sends.tryTake(user.key())) {
                    throw new ChatException(ErrorCode.RATE_LIMITED);
                }
                decided.set(change);
            }
            return change;
        };
        return CompletableFuture.supplyAsync(() -> {
            try {
                return store.change(c, id, charged).orElseThrow(() -> new ChatException(ErrorCode.NO_SUCH_MESSAGE));
            } catch (StoreException e) {
                if (decided.get() != null) {
                    limits.sends.refund(user.key());
                }
                throw new ChatException(ErrorCode.UNAVAILABLE, e);
            }
        }, changers).thenCompose(changed -> {
            if (!changed.changed()) {
                return CompletableFuture.completedFuture(changed);
            }
            CompletableFuture<Changed> shown = new CompletableFuture<>();
            onSequencer(() -> {
                MessageChanged event = new MessageChanged(c, changed.message());
                showChange(event);
                relay.publish(event);
                shown.complete(changed);
            });
            return shown;
        });
    }

    /** Shows a message's new state to this node's sockets unless a newer one was shown; on the sequencer. */
    private void showChange(MessageChanged event) {
        Message m = event.message();
        Integer known = versions.getIfPresent(m.id());
        if (known != null && known >= m.version()) {
            return;
        }
        versions.put(m.id(), m.version());
        pages.updated(event.channel(), m);
        events.fire(event);
        unread.changed(event.channel(), m);
    }

    // ---- search

    /** Messages a search found, newest first; {@code channel} is the one searched, or null for all. */
    public record Found(String channel, List<Message> messages, boolean more) {
    }

    /** How many results one search answers. */
    static final int SEARCH_PAGE = 20;

    /**
     * Searches the channel {@code channelName}, or every public channel and {@code user}'s own
     * direct conversations, for messages older than {@code before} (PROTOCOL.md, "Search").
     *
     * @throws ChatException {@code bad-request} (no word, or over 200 characters),
     *                       {@code no-such-channel}, {@code rate-limited}
     */
    public CompletableFuture<Found> search(LoginUser user, String rawQuery, String channelName, long before) {
        requireCurrent(user);
        SearchQuery query = SearchQuery.parse(rawQuery).orElseThrow(() -> new ChatException(ErrorCode.BAD_REQUEST,
                "A search needs a word, and at most " + SearchQuery.MAX_LENGTH + " characters."));
        List<StoredChannel> scope;
        String channel;
        if (channelName != null) {
            StoredChannel c = visible(user, channelName)
                    .orElseThrow(() -> new ChatException(ErrorCode.NO_SUCH_CHANNEL));
            scope = List.of(c);
            channel = c.name();
        } else {
            scope = new ArrayList<>(channels.all());
            directs.of(user.loginId()).forEach(d -> scope.add(d.channel()));
            channel = null;
        }
        takeBrowse(user);
        return CompletableFuture.supplyAsync(() -> {
            try {
                List<Message> found = store.search(scope, query, before, SEARCH_PAGE + 1);
                boolean more = found.size() > SEARCH_PAGE;
                return new Found(channel, more ? found.subList(0, SEARCH_PAGE) : found, more);
            } catch (StoreException e) {
                throw new ChatException(ErrorCode.UNAVAILABLE, e);
            }
        }, pageReaders);
    }

    // ---- unread

    /**
     * Moves {@code user}'s read position in a channel to {@code id}, or leaves it where it is
     * when it is past that already; the user's sockets, on every node, get their counts.
     *
     * @throws ChatException {@code no-such-channel}
     */
    public void read(LoginUser user, String channelName, long id) {
        requireCurrent(user);
        StoredChannel c = visible(user, channelName).orElseThrow(() -> new ChatException(ErrorCode.NO_SUCH_CHANNEL));
        sequencer.requireRoom();
        moveRead(user, c, id, () -> unread.read(user, c, id));
    }

    /** Stores a read position off the caller's thread, then runs {@code then} on the sequencer and tells the other nodes. */
    private void moveRead(LoginUser user, StoredChannel c, long id, Runnable then) {
        pageReaders.execute(() -> {
            try {
                store.moveReadPosition(user.loginId(), c.id(), id);
            } catch (StoreException e) {
                LOG.warning("Could not store a read position: " + e.getMessage());
                return;
            }
            onSequencer(() -> {
                then.run();
                relay.publish(new ReadMoved(user, c));
            });
        });
    }

    /** Reads a login's counts from the store off the sequencer; tries again every second while it cannot. */
    private void loadUnread(LoginUser user, Long channelId, Consumer<List<ChatStore.UnreadCount>> then) {
        pageReaders.execute(() -> {
            try {
                List<ChatStore.UnreadCount> counts = store.unread(user.loginId(), user.name(), channelId);
                onSequencer(() -> then.accept(counts));
            } catch (StoreException e) {
                LOG.fine("Cannot count unread messages now: " + e.getMessage());
                starter.schedule(() -> loadUnread(user, channelId, then), 1, TimeUnit.SECONDS);
            } catch (java.util.concurrent.RejectedExecutionException stopping) {
                LOG.fine("Not counting unread messages: stopping");
            }
        });
    }

    // ---- typing and presence

    /**
     * Tells the others in the channel that {@code user} is typing, at most once per
     * {@link #TYPING_EVERY}; more often is dropped silently.
     */
    public void typing(LoginUser user, String channelName) {
        StoredChannel c = channelFor(user, channelName);
        Typing event = new Typing(c, user);
        onSequencer(() -> {
            if (showTyping(event)) {
                relay.publish(event);
            }
        });
    }

    private boolean showTyping(Typing event) {
        String key = event.channel().id() + " " + event.user().key();
        if (typists.asMap().putIfAbsent(key, Boolean.TRUE) != null) {
            return false;
        }
        events.fire(event);
        return true;
    }

    /** Counts a socket of {@code user} that opened; on the sequencer. */
    public void socketOpened(LoginUser user) {
        presence.opened(user);
        unread.opened(user);
    }

    /** Counts a socket of {@code user} that closed; on the sequencer. */
    public void socketClosed(LoginUser user) {
        presence.closed(user);
        unread.closed(user);
    }

    /** The display names of everyone online at the last presence tick (until the next {@link PresenceChanged}); on the sequencer. */
    public List<String> shownOnline() {
        return presence.shownOnline();
    }

    /** The display names of this node's users online since the last presence tick and not in {@link #shownOnline}; on the sequencer. */
    public List<String> onlineSinceTick() {
        return presence.onlineSinceTick();
    }

    // ---- direct conversations

    /**
     * Opens the direct conversation between {@code user} and the holder of the name
     * {@code rawName}, storing it the first time; both logins' sockets are then sent their
     * {@code directs}, on every node.
     *
     * @throws ChatException {@code invalid-name}, {@code no-such-user} (nobody holds it, or it is
     *                       the caller's own), {@code rate-limited}, {@code unavailable}
     */
    public Direct openDirect(LoginUser user, String rawName) {
        requireCurrent(user);
        Name name = Names.parse(rawName, settings.maxNameLength())
                .orElseThrow(() -> new ChatException(ErrorCode.INVALID_NAME));
        LoginUser other = accounts.holder(name.key()).filter(o -> !o.loginId().equals(user.loginId()))
                .orElseThrow(() -> new ChatException(ErrorCode.NO_SUCH_USER));
        takeBrowse(user);
        Direct direct;
        boolean opened;
        synchronized (channelLock) {
            Optional<Direct> known = directs.between(user.loginId(), other.loginId());
            if (known.isPresent()) {
                direct = known.get();
                opened = false;
            } else {
                String channel = "@" + HexFormat.of().formatHex(bytes(12));
                try {
                    direct = store.insertDirect(new Direct(new StoredChannel(0, channel, channel),
                            Direct.Member.of(user), Direct.Member.of(other)), now());
                } catch (StoreException e) {
                    limits.browses.refund(user.key());
                    throw new ChatException(ErrorCode.UNAVAILABLE, e);
                }
                opened = directs.add(direct);
            }
        }
        Direct shown = direct;
        onSequencer(() -> {
            if (opened) {
                positions.known(shown.channel(), 0);
                unread.opened(shown);
                relay.publish(new DirectOpened(shown));
            }
            events.fire(new DirectsChanged(List.of(user.loginId(), other.loginId())));
        });
        return direct;
    }

    /** {@code user}'s direct conversations, newest first. */
    public List<Direct> directsOf(LoginUser user) {
        return directs.of(user.loginId());
    }

    /** Adds a direct conversation another node opened, unless known; on the sequencer. */
    private void learnDirect(Direct direct, long position) {
        if (directs.add(direct)) {
            positions.known(direct.channel(), position);
            unread.opened(direct);
            events.fire(new DirectsChanged(List.of(direct.first().loginId(), direct.second().loginId())));
        }
    }

    /**
     * The channel {@code user} may use by that name: a public channel, or one of the user's own
     * direct conversations. To anyone else a direct conversation does not exist.
     */
    private Optional<StoredChannel> visible(LoginUser user, String rawName) {
        return channels.find(rawName).or(() -> directs.find(rawName, user.loginId()).map(Direct::channel));
    }

    /** Any channel this node knows by that name, public or direct: for the chat's own use, never a client's. */
    private Optional<StoredChannel> known(String rawName) {
        return channels.find(rawName).or(() -> directs.find(rawName).map(Direct::channel));
    }

    private byte[] bytes(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    /** Applies an event of another node; on the sequencer. */
    private void fromOtherNode(NodeEvent event) {
        if (event instanceof MessageChanged changed) {
            showChange(changed);
        } else if (event instanceof Typing typing) {
            showTyping(typing);
        } else if (event instanceof NodePresence heard) {
            presence.heard(heard);
        } else if (event instanceof DirectOpened opened) {
            learnDirect(opened.direct(), 0);
        } else if (event instanceof ReadMoved read) {
            unread.readElsewhere(read.user(), read.channel());
        } else {
            otherNodes.apply(event);
        }
    }

    /** Shows a stored message to this node's sockets: on the sequencer, once, in its channel's order. */
    private void deliver(StoredChannel channel, Message m) {
        pages.accepted(channel, m);
        events.fire(new MessageAccepted(m));
        unread.delivered(channel, m);
    }

    // ---- other nodes

    /** Adds a channel another node created, unless known; true when it was new here. */
    private boolean learnChannel(StoredChannel channel) {
        synchronized (channelLock) {
            if (channels.find(channel.name()).isPresent()) {
                return false;
            }
            channels.restore(channel);
            return true;
        }
    }

    // ---- helpers

    /** Takes one upload from {@code user}'s budget; false when it is spent. */
    public boolean takeUpload(LoginUser user) {
        return limits.uploads.tryTake(user.key());
    }

    private void takeBrowse(LoginUser user) {
        if (!limits.browses.tryTake(user.key())) {
            throw new ChatException(ErrorCode.RATE_LIMITED, "You are opening channels too fast; wait a moment.");
        }
    }

    private static void requireSingleScript(Name name, ErrorCode invalid) {
        if (!name.singleScript()) {
            throw new ChatException(invalid);
        }
    }

    /** Refuses a request while Flack cannot serve ({@code unavailable}) or from a login that ended ({@code not-logged-in}). */
    private void requireCurrent(LoginUser user) {
        requireReady();
        if (!isCurrent(user)) {
            throw new ChatException(ErrorCode.NOT_LOGGED_IN);
        }
    }

    private void requireReady() {
        if (!ready) {
            throw new ChatException(ErrorCode.UNAVAILABLE);
        }
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    /**
     * A channel's name as created and a run of its messages, oldest first; for a join, {@code read}
     * is the user's read position in it, or null when not known.
     */
    public record History(String channel, List<Message> messages, Long read) {
        public History(String channel, List<Message> messages) {
            this(channel, messages, null);
        }
    }
}
