package chat.flack.domain;

import chat.flack.domain.ChatStore.StoredChannel;

/**
 * Node event: a message was stored in {@code channel}, right after the one with id
 * {@code previousId} (0 for a channel's first; {@link GroupCommitter#UNKNOWN_PREVIOUS} when
 * not known): a node that delivered another one last has missed something.
 */
public record MessageStored(StoredChannel channel, Message message, long previousId) implements NodeEvent {
}
