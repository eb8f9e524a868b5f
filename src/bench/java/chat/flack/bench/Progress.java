package chat.flack.bench;

import java.time.LocalTime;
import java.time.temporal.ChronoUnit;

/** Progress and warnings, on standard error so that standard output holds only the result lines. */
final class Progress {

    private Progress() {
    }

    static void say(String format, Object... args) {
        System.err.println("[bench " + LocalTime.now().truncatedTo(ChronoUnit.MILLIS) + "] " + String.format(format, args));
    }
}
