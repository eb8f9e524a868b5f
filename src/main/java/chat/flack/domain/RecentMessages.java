package chat.flack.domain;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The messages most recently stored with a client id, by their resend key, so that a resend
 * is answered without asking the database. Bounded in bytes (the heap the texts take, 2 per
 * UTF-16 unit, plus an allowance per entry): the oldest are forgotten first, and the database
 * still answers for them. Thread-safe: one lock.
 */
final class RecentMessages {

    /** A rough upper bound of what a map entry and its key cost besides the key's characters. */
    private static final long ENTRY_OVERHEAD = 64;

    private final long maxBytes;
    private final LinkedHashMap<String, Message> byKey = new LinkedHashMap<>();
    private long bytes;

    RecentMessages(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    synchronized Message get(String key) {
        return byKey.get(key);
    }

    synchronized void put(String key, Message message) {
        Message old = byKey.put(key, message);
        if (old != null) {
            bytes -= weight(key, old);
        }
        bytes += weight(key, message);
        Iterator<Map.Entry<String, Message>> oldest = byKey.entrySet().iterator();
        while (bytes > maxBytes && oldest.hasNext()) {
            Map.Entry<String, Message> e = oldest.next();
            bytes -= weight(e.getKey(), e.getValue());
            oldest.remove();
        }
    }

    synchronized long bytes() {
        return bytes;
    }

    synchronized int size() {
        return byKey.size();
    }

    private static long weight(String key, Message m) {
        return ENTRY_OVERHEAD + 2L * key.length() + m.heapBytes();
    }
}
