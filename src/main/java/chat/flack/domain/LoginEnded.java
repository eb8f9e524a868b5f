package chat.flack.domain;

/** Event: a login ended (logout or expiry); its name is free and its sockets are to be closed. */
public record LoginEnded(LoginUser user) implements ChatEvent, NodeEvent {

    public String loginId() {
        return user.loginId();
    }
}
