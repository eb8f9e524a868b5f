package chat.flack.domain;

/**
 * Something that happened in the chat that every node's sockets must apply: published through
 * the {@link Relay}, on the sequencer, so that each channel's events keep their order.
 */
public sealed interface ChatEvent permits ChannelsChanged, MessageAccepted, LoginEnded {
}
