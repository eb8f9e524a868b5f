package chat.flack.domain;

import chat.flack.domain.ChatStore.StoredChannel;

/**
 * Event: a stored message of {@code channel} was edited, deleted or reacted to, and is now
 * {@code message}; shown to the channel as an {@code update} and relayed to the other nodes,
 * which drop it when they have shown a newer version of the message.
 */
public record MessageChanged(StoredChannel channel, Message message) implements NodeEvent, ChatEvent {
}
