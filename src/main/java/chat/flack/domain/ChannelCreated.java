package chat.flack.domain;

import chat.flack.domain.ChatStore.StoredChannel;

/** Node event: a channel was stored. */
public record ChannelCreated(StoredChannel channel) implements NodeEvent {
}
