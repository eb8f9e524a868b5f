package chat.flack.domain;

import chat.flack.domain.ChatStore.StoredChannel;

/**
 * A direct conversation: a channel of exactly two logins, named by the server ({@code @} and
 * random letters, which no public channel name can hold), that exists only for its two members.
 */
public record Direct(StoredChannel channel, Member first, Member second) {

    /** One of the two: the login, its name key and its display name. */
    public record Member(String loginId, String key, String name) {
        static Member of(LoginUser user) {
            return new Member(user.loginId(), user.key(), user.name());
        }
    }

    /** The key that names the pair whichever of the two asks: their login ids in order. */
    static String pair(String loginA, String loginB) {
        return loginA.compareTo(loginB) <= 0 ? loginA + " " + loginB : loginB + " " + loginA;
    }

    public String pair() {
        return pair(first.loginId(), second.loginId());
    }

    /** Whether the login {@code loginId} is one of the two. */
    public boolean has(String loginId) {
        return first.loginId().equals(loginId) || second.loginId().equals(loginId);
    }

    /** The member who is not {@code loginId}. */
    public Member other(String loginId) {
        return first.loginId().equals(loginId) ? second : first;
    }
}
