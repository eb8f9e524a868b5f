package chat.flack.domain;

import java.io.Serializable;

/**
 * Who a session belongs to: the display name, its key, and {@code loginId}, which tells this
 * login apart from a later one with the same name. Kept in the {@code HttpSession}.
 */
public record LoginUser(String name, String key, String loginId) implements Serializable {

    /** The {@code HttpSession} attribute that holds a session's login. */
    public static final String SESSION_ATTRIBUTE = "flack.user";
}
