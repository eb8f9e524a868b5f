package chat.flack.domain;

import chat.flack.domain.ChatStore.ChannelPosition;
import chat.flack.domain.ChatStore.StoredChannel;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * What the other nodes did, applied here: their events as the relay brings them, and what the
 * relay may have lost, read from the store — every channel's position (compared every few
 * seconds), and after an outage of the relay the logins that ended meanwhile.
 * Thread-safety: events are applied on the sequencer; the store is read off it.
 */
final class OtherNodes {

    private static final Logger LOG = Logger.getLogger(OtherNodes.class.getName());
    private final ChatStore store;
    private final Positions positions;
    private final Accounts accounts;
    private final Predicate<StoredChannel> learnChannel;
    private final Supplier<List<String>> channelNames;
    private final Consumer<ChatEvent> show;
    private final Executor sequencer;
    private final Predicate<String> knowsDirect;
    private final BiConsumer<Direct, Long> learnDirect;

    /**
     * @param learnChannel adds a channel another node created unless known; true when it was new
     * @param show         fires an event to this node's sockets
     * @param knowsDirect  whether this node knows the direct conversation with that channel key (any thread)
     * @param learnDirect  adds a direct conversation another node opened, at that position, unless known (on the sequencer)
     */
    OtherNodes(ChatStore store, Positions positions, Accounts accounts, Predicate<StoredChannel> learnChannel,
               Supplier<List<String>> channelNames, Consumer<ChatEvent> show, Executor sequencer,
               Predicate<String> knowsDirect, BiConsumer<Direct, Long> learnDirect) {
        this.store = store;
        this.positions = positions;
        this.accounts = accounts;
        this.learnChannel = learnChannel;
        this.channelNames = channelNames;
        this.show = show;
        this.sequencer = sequencer;
        this.knowsDirect = knowsDirect;
        this.learnDirect = learnDirect;
    }

    /** Applies what another node did; on the sequencer. */
    void apply(NodeEvent event) {
        if (event instanceof MessageStored stored) {
            positions.stored(stored);
        } else if (event instanceof ChannelCreated created) {
            if (learnChannel.test(created.channel())) {
                positions.known(created.channel(), 0);
                show.accept(new ChannelsChanged(channelNames.get()));
            }
        } else if (event instanceof LoginStarted started) {
            accounts.startedElsewhere(started);
        } else if (event instanceof LoginEnded ended && accounts.forget(ended.user())) {
            show.accept(ended);
        }
    }

    /**
     * Compares every channel's stored position with this node's, and reads what the relay did
     * not bring (lost, or sent while the relay was down); also learns channels it did not tell.
     */
    void comparePositions() {
        List<ChannelPosition> stored;
        Map<Long, Direct> unknownDirects = new HashMap<>();
        try {
            stored = store.positions();
            List<Long> unknown = stored.stream().filter(p -> p.direct() && !knowsDirect.test(p.channel().key()))
                    .map(p -> p.channel().id()).toList();
            store.directs(unknown).forEach(d -> unknownDirects.put(d.channel().id(), d));
        } catch (StoreException e) {
            LOG.fine("Cannot compare positions now: " + e.getMessage());
            return;
        }
        sequencer.execute(() -> {
            boolean learned = false;
            for (ChannelPosition p : stored) {
                if (p.direct()) {
                    Direct unknown = unknownDirects.get(p.channel().id());
                    if (unknown != null) {
                        learnDirect.accept(unknown, p.lastMessageId());
                    } else {
                        positions.storedUpTo(p.channel(), p.lastMessageId());
                    }
                } else if (learnChannel.test(p.channel())) {
                    // Nobody here can be in a channel this node did not know: nothing to show.
                    positions.known(p.channel(), p.lastMessageId());
                    learned = true;
                } else {
                    positions.storedUpTo(p.channel(), p.lastMessageId());
                }
            }
            if (learned) {
                show.accept(new ChannelsChanged(channelNames.get()));
            }
        });
    }

    /**
     * Catches up on what the relay missed while it was down: the positions of every channel,
     * and the logins that ended meanwhile through other nodes (their names are freed and their
     * sockets here closed).
     */
    void relayReturned() {
        comparePositions();
        List<LoginUser> ended;
        try {
            ended = accounts.endedInStore();
        } catch (StoreException e) {
            LOG.fine("Cannot compare logins now: " + e.getMessage());
            return;
        }
        sequencer.execute(() -> ended.forEach(u -> apply(new LoginEnded(u))));
    }
}
