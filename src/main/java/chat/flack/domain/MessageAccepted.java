package chat.flack.domain;

/** Event: a message was stored and is to be shown to its channel. Fired in id order per channel. */
public record MessageAccepted(Message message) implements ChatEvent {
}
