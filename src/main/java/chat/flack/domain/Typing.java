package chat.flack.domain;

import chat.flack.domain.ChatStore.StoredChannel;

/** Event: {@code user} is typing in {@code channel}; shown to the others there, never stored. */
public record Typing(StoredChannel channel, LoginUser user) implements NodeEvent, ChatEvent {
}
