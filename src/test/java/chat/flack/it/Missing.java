package chat.flack.it;

import org.junit.jupiter.api.Assumptions;

import static org.assertj.core.api.Assertions.fail;

/**
 * What a test does when something it needs from outside is not there: under CI
 * ({@code CI=true}), which installs everything, it fails; elsewhere it is skipped, with a line on
 * the console that says what is missing and how to get it (the reason is otherwise only in
 * {@code target/failsafe-reports}).
 */
final class Missing {

    private Missing() {
    }

    /** Fails under CI, else prints {@code SKIPPED: why} and skips the test. */
    static void skipOrFail(String why) {
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            fail(why + " (CI=true: every test must run)");
        }
        System.out.println("SKIPPED: " + why);
        Assumptions.abort(why);
    }
}
