package chat.flack.domain;

/**
 * The answer to an accepted send: the stored message, and whether it was stored by an earlier
 * send with the same client id (then only the sender is shown it again).
 */
public record SendOutcome(Message message, boolean duplicate) {
}
