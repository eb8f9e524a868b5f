package chat.flack.domain;

import chat.flack.domain.ChatStore.StoredChannel;

/** Node event: {@code user}'s read position in {@code channel} moved (it is stored): count again. */
public record ReadMoved(LoginUser user, StoredChannel channel) implements NodeEvent {
}
