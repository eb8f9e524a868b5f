package chat.flack.bench;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** The {@code error} frames the server answered with, by code, and how many refused a {@code send}. Thread-safe. */
final class ErrorTally {

    private final ConcurrentHashMap<String, LongAdder> byCode = new ConcurrentHashMap<>();
    private final LongAdder refusedSends = new LongAdder();

    void record(String code, String ref) {
        byCode.computeIfAbsent(code == null ? "?" : code, k -> new LongAdder()).increment();
        if ("send".equals(ref)) {
            refusedSends.increment();
        }
    }

    long refusedSends() {
        return refusedSends.sum();
    }

    Map<String, Long> byCode() {
        Map<String, Long> out = new TreeMap<>();
        byCode.forEach((code, n) -> out.put(code, n.sum()));
        return out;
    }
}
