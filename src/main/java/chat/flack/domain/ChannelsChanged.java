package chat.flack.domain;

import java.util.List;

/** Event: the channel list, in creation order, after a channel was created. */
public record ChannelsChanged(List<String> names) implements ChatEvent {
}
