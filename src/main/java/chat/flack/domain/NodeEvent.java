package chat.flack.domain;

/**
 * What one node did that every other node must apply: carried by the {@link Relay}, applied on
 * each node's sequencer on the same path as the node's own. Events are not truth: a lost one
 * is made good from the store (a channel's position, its channels' list).
 */
public sealed interface NodeEvent permits ChannelCreated, MessageStored, LoginStarted, LoginEnded, MessageChanged,
        Typing, NodePresence, DirectOpened, ReadMoved {
}
