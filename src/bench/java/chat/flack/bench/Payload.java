package chat.flack.bench;

/**
 * The text every benchmark message carries: {@code "<sendNanos> <seq> "} padded with {@code x}
 * to the payload size. The send time comes first so that a receiver reads it with a few
 * character comparisons and no JSON parsing. Times are {@link System#nanoTime()} from this
 * process's origin, so sender and receiver share one clock.
 */
final class Payload {

    private static final long ORIGIN = System.nanoTime();

    private Payload() {
    }

    /** Now, in nanoseconds since this process's origin (never negative). */
    static long now() {
        return System.nanoTime() - ORIGIN;
    }

    /** The text for message {@code seq} sent at {@code sentNanos}, at least {@code size} characters (ASCII). */
    static String text(long sentNanos, long seq, int size) {
        StringBuilder b = new StringBuilder(Math.max(size, 40));
        b.append(sentNanos).append(' ').append(seq).append(' ');
        while (b.length() < size) {
            b.append('x');
        }
        return b.toString();
    }

    /**
     * Reads a payload that starts at {@code from} in {@code s} and hands its send time and
     * sequence number to {@code sink}; returns false when the text there is not a payload.
     */
    static boolean read(CharSequence s, int from, Sink sink) {
        int i = from;
        int n = s.length();
        long sent = 0;
        int start = i;
        while (i < n && isDigit(s.charAt(i))) {
            sent = sent * 10 + (s.charAt(i++) - '0');
        }
        if (i == start || i >= n || s.charAt(i++) != ' ') {
            return false;
        }
        long seq = 0;
        start = i;
        while (i < n && isDigit(s.charAt(i))) {
            seq = seq * 10 + (s.charAt(i++) - '0');
        }
        if (i == start) {
            return false;
        }
        sink.payload(sent, seq);
        return true;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** Who is told about a payload. */
    interface Sink {
        void payload(long sentNanos, long seq);
    }
}
