package chat.flack.domain;

/** Node event: a direct conversation was opened for the first time. */
public record DirectOpened(Direct direct) implements NodeEvent {
}
