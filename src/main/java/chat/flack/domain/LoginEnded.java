package chat.flack.domain;

/** Event: a login ended (logout, a new name, session expiry); its connections must close. */
public record LoginEnded(String loginId) implements ChatEvent {
}
