package chat.flack.domain;

/**
 * Something that happened in the chat that this node's sockets must show: fired as a CDI
 * event on the sequencer, so that each channel's events keep their order.
 */
public sealed interface ChatEvent permits ChannelsChanged, MessageAccepted, LoginEnded, MessageChanged, Typing,
        PresenceChanged, DirectsChanged, UnreadCounts {
}
