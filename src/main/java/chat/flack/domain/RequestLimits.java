package chat.flack.domain;

import chat.flack.config.Settings;
import io.github.bucket4j.TimeMeter;

import java.util.List;

/** The budgets of PROTOCOL.md, one {@link Limits} each: per user, and logins per client address. */
final class RequestLimits {

    /** Addresses whose login buckets are kept at most (full buckets are dropped first). */
    private static final int MAX_ADDRESSES = 100_000;

    final Limits sends;
    final Limits creates;
    final Limits browses;
    final Limits uploads;
    /** Null when {@code FLACK_LOGIN_RATE} is off. */
    private final Limits logins;

    RequestLimits(Settings settings, TimeMeter clock) {
        sends = new Limits(Budget.sends(settings.rateBurst(), settings.ratePerSecond()), clock, Integer.MAX_VALUE);
        creates = new Limits(Budget.CREATE, clock, Integer.MAX_VALUE);
        browses = new Limits(Budget.BROWSE, clock, Integer.MAX_VALUE);
        uploads = new Limits(Budget.UPLOAD, clock, Integer.MAX_VALUE);
        logins = settings.loginRatePerMinute() > 0
                ? new Limits(Budget.logins(settings.loginRatePerMinute()), clock, MAX_ADDRESSES)
                : null;
    }

    /** Takes one login from {@code address}'s budget; false when it is spent. */
    boolean login(String address) {
        return logins == null || logins.tryTake(address);
    }

    /** Forgets a user whose login ended. */
    void forget(String userKey) {
        for (Limits perUser : List.of(sends, creates, browses, uploads)) {
            perUser.forget(userKey);
        }
    }
}
