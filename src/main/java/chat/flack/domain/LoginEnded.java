package chat.flack.domain;

/** CDI event: a login ended (logout, a new name, session expiry); its connections must close. */
public record LoginEnded(String loginId) {
}
