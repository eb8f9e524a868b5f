package chat.flack.domain;


import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Where the chat's truth is kept. Every method either does all it says or, throwing
 * {@link StoreException}, nothing. Implementations are thread-safe.
 */
public interface ChatStore extends AutoCloseable {

    /** Creates or upgrades the schema and reads what the working set needs. */
    Snapshot load();

    /**
     * Stores a login; false when its name key or one of its look-alike skeletons is taken
     * already (also by another writer at the same moment).
     */
    boolean insertUser(LoginUser user, String sessionHash, Instant at);

    /** Removes the login {@code user}, if it is still the one holding the name. */
    void deleteUser(LoginUser user);

    /** Moves {@code user}'s login to another session id. */
    void rebindSession(LoginUser user, String sessionHash, Instant at);

    /** Records that {@code user}'s login was used at {@code at}. */
    void touchUser(LoginUser user, Instant at);

    /**
     * Stores a channel; returns its id, or empty when its name key or one of its look-alike
     * skeletons is taken already (also by another writer at the same moment).
     */
    Optional<Long> insertChannel(String name, String key, Instant at);

    /**
     * Stores messages in one transaction, in order; returns them with their ids and the id of
     * the message before each in its channel. Each channel's row is locked while its messages
     * are inserted and its position moved, so within a channel ids grow in commit order, also
     * with several writers. A message whose client id its sender already used in that channel
     * is not stored again: the stored one is returned for it, marked as existing (also when
     * another writer stored it a moment ago).
     */
    List<Inserted> insertMessages(List<NewMessage> batch);

    /**
     * Stores the direct conversation {@code wanted} (its channel's id is not known yet) and returns
     * it as stored; when its pair of logins has one already (also made by another writer a moment
     * ago), returns that one instead.
     */
    Direct insertDirect(Direct wanted, Instant at);

    /** The direct conversations whose channel ids are given, in id order; every one when {@code ids} is null. */
    List<Direct> directs(Collection<Long> ids);

    /** Moves a login's read position in a channel to {@code id}, unless it is there or past it already. */
    void moveReadPosition(String loginId, long channelId, long id);

    /**
     * A login's unread counts (PROTOCOL.md, "Unread") in every channel it has a read position in
     * and every direct conversation it is one of, or only in the channel {@code channelId} when it
     * is not null; each counted up to its channel's position as stored, in one snapshot.
     */
    List<UnreadCount> unread(String loginId, String name, Long channelId);

    /** Up to {@code limit} messages of a channel with ids below {@code beforeId}, oldest first. */
    List<Message> messagesBefore(StoredChannel channel, long beforeId, int limit);

    /** Up to {@code limit} messages of a channel with ids above {@code afterId}, oldest first. */
    List<Message> messagesAfter(StoredChannel channel, long afterId, int limit);

    /**
     * Up to {@code limit} messages of the channels of {@code scope} with ids below {@code beforeId}
     * that match {@code query} and are not deleted, newest first, as {@link #messagesBefore} reads
     * them.
     */
    List<Message> search(List<StoredChannel> scope, SearchQuery query, long beforeId, int limit);

    /** Every channel, public and direct, with its position, in creation order. */
    List<ChannelPosition> positions();

    /**
     * The stored copy of {@code message}, if it was stored: by its client id, or else by its
     * sender, time and content.
     */
    Optional<Message> findStored(NewMessage message);

    /** The message a user sent to a channel with that client id, if any. */
    Optional<Message> findByClientId(StoredChannel channel, String userKey, String clientId);

    /**
     * Changes message {@code id} of {@code channel}: locks it, asks {@code decide} what to do with
     * it as it is now, does that, and returns it as it is then, with whether it changed; empty
     * when the channel has no such message. {@code decide} may throw to change nothing.
     */
    Optional<Changed> change(StoredChannel channel, long id, Function<Message, Change> decide);

    /** Whether some message shows the image at that URL ({@code /uploads/F}). */
    boolean isImageUsed(String url);

    /** True when the database answers now. */
    boolean isHealthy();

    @Override
    void close();

    /** A channel as stored. */
    record StoredChannel(long id, String name, String key) {
    }

    /** A message not yet stored. */
    record NewMessage(StoredChannel channel, String user, String userKey, String text, String image,
                      ImageSize imageSize, Instant at, String clientId, String loginId, List<String> mentions) {
    }

    /** What to do to a stored message. */
    sealed interface Change permits Change.SetText, Change.Delete, Change.React, Change.Keep {

        /** New text and its mentions, edited at {@code at}. */
        record SetText(String text, List<String> mentions, Instant at) implements Change {
        }

        /** The message becomes a deleted one: no text, image, mentions or reactions. */
        record Delete() implements Change {
        }

        /** Adds ({@code on}) or removes a user's reaction. */
        record React(String emoji, String userKey, String userName, boolean on) implements Change {
        }

        /** Nothing: the message is already as asked. */
        record Keep() implements Change {
        }
    }

    /**
     * A login's counts in one channel: its read position, the messages after it that others sent
     * and that are not deleted, those among them that mention it (all, in a direct conversation),
     * all counted up to {@code countedUpTo}, the channel's position then.
     */
    record UnreadCount(StoredChannel channel, boolean direct, long readPosition, int unread, int mentions,
                       long countedUpTo) {
    }

    /** A message after {@link #change}, and whether it changed. */
    record Changed(Message message, boolean changed) {
    }

    /** A message of {@link #insertMessages}: stored now, or found stored before under its client id. */
    record Inserted(Message message, boolean existed, long previousId) {
    }

    /** The ids of every stored login. */
    Set<String> loginIds();

    /** The login stored for the session whose id hashes to {@code sessionHash}, if any. */
    Optional<StoredLogin> findLogin(String sessionHash);

    /** A login as stored: the hash of the session id it lives in, and when it was last used. */
    record StoredLogin(LoginUser user, String sessionHash, Instant lastSeen) {
    }

    /** What a start needs: the channels in creation order with their positions, and the logins. */
    record Snapshot(List<ChannelPosition> channels, List<StoredLogin> users) {
    }

    /** A channel, whether it is a direct conversation, and its position: the id of its newest message, 0 when none. */
    record ChannelPosition(StoredChannel channel, boolean direct, long lastMessageId) {
    }
}
