package chat.flack.bench;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * The server processes of a run, one per node in the order of the nodes: their resident memory
 * summed, their open-file limit the lowest of theirs, and each node's own figures.
 */
record Servers(List<ServerProcess> nodes) {

    /** The processes of {@code pids}, or null when there are none to read. */
    static Servers of(List<Long> pids) {
        return pids.isEmpty() ? null : new Servers(pids.stream().map(ServerProcess::of).toList());
    }

    /** The nodes' {@code VmRSS} in KiB summed, or null when one of them cannot be read. */
    Long rssKb() {
        return sum(rssKbPerNode());
    }

    List<Long> rssKbPerNode() {
        return each(ServerProcess::rssKb);
    }

    /** Each node's CPU time so far in milliseconds (null for one that cannot be read). */
    List<Long> cpuMillisPerNode() {
        return each(ServerProcess::cpuMillis);
    }

    /** The lowest soft open-file limit of the nodes (the one that binds), or null when one cannot be read. */
    Long openFileLimit() {
        List<Long> limits = each(ServerProcess::openFileLimit);
        return limits.stream().anyMatch(Objects::isNull) ? null
                : limits.stream().mapToLong(Long::longValue).min().orElseThrow();
    }

    /** The sum of {@code values}, or null when one of them is null. */
    static Long sum(List<Long> values) {
        return values.stream().anyMatch(Objects::isNull) ? null : values.stream().mapToLong(Long::longValue).sum();
    }

    private List<Long> each(Function<ServerProcess, Long> reading) {
        return nodes.stream().map(reading).toList();
    }
}
