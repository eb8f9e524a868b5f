package chat.flack.bench;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import org.HdrHistogram.Histogram;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One run's outcome, the JSON line the tool prints and appends to the results file. Fields that
 * do not apply to a mode are null and left out of the JSON.
 */
@JsonbPropertyOrder({"at", "mode", "target", "url", "nodes", "urls", "label", "params", "connectMs", "connectFailures", "sent",
        "refused", "expected", "delivered", "lost", "duplicated", "misdelivered", "latencyMs", "deliveriesPerSecond",
        "disconnected", "recovered", "cpu", "stall", "ramp", "floor", "serverRssKb", "errors", "openFiles"})
public record Result(
        String at,
        String mode,
        String target,
        String url,
        Integer nodes,
        List<String> urls,
        String label,
        Params params,
        Long connectMs,
        Integer connectFailures,
        Long sent,
        Long refused,
        Long expected,
        Long delivered,
        Long lost,
        Long duplicated,
        Long misdelivered,
        Latency latencyMs,
        Double deliveriesPerSecond,
        Integer disconnected,
        Long recovered,
        Cpu cpu,
        Stall stall,
        List<RampStep> ramp,
        List<FloorStep> floor,
        Memory serverRssKb,
        Map<String, Long> errors,
        OpenFiles openFiles) {

    private static final Jsonb JSONB = JsonbBuilder.create();

    /** The run's parameters; {@code messages} is rate × duration. */
    @JsonbPropertyOrder({"clients", "senders", "rate", "duration", "payload", "stall", "channels", "messages", "steps",
            "concurrency", "cores"})
    public record Params(Integer clients, Integer senders, Double rate, Double duration, Integer payload,
                         Integer stall, Integer channels, Long messages, List<Integer> steps, int concurrency,
                         int cores) {
    }

    /**
     * Send-to-receive latency percentiles in milliseconds, from a histogram of microseconds; each
     * is the highest value HdrHistogram holds equivalent to the sample at that rank.
     */
    @JsonbPropertyOrder({"p50", "p90", "p99", "max"})
    public record Latency(double p50, double p90, double p99, double max) {
        static Latency of(Histogram micros) {
            return new Latency(ms(micros.getValueAtPercentile(50)), ms(micros.getValueAtPercentile(90)),
                    ms(micros.getValueAtPercentile(99)), ms(micros.getMaxValue()));
        }
    }

    /**
     * CPU seconds the tool and the server used from the first send to the end of the drain,
     * {@code seconds} long: on a shared machine, which of them ran out of cores. The server's
     * is summed over its nodes, and given per node when there are several.
     */
    @JsonbPropertyOrder({"seconds", "tool", "server", "serverPerNode"})
    public record Cpu(double seconds, Double tool, Double server, List<Double> serverPerNode) {
    }

    /** The clients that never read: how many connected, and how many the server closed. */
    @JsonbPropertyOrder({"clients", "connected", "closedByServer"})
    public record Stall(int clients, int connected, int closedByServer) {
    }

    /** One ramp step: the idle connections open, the server's memory, and whether a probe reached all of them. */
    @JsonbPropertyOrder({"connections", "connectFailures", "connectMs", "rssKb", "rssPerConnectionKb",
            "probeDelivered", "allReceived", "probeP50Ms", "probeMaxMs"})
    public record RampStep(int connections, int connectFailures, long connectMs, Long rssKb,
                           Double rssPerConnectionKb, long probeDelivered, boolean allReceived,
                           double probeP50Ms, double probeMaxMs) {
    }

    /**
     * One floor step: K frames per write, how many writes and bytes, and the CPU time in
     * microseconds the writer spent per write and per frame and the reader per frame.
     */
    @JsonbPropertyOrder({"framesPerWrite", "writes", "bytes", "writerMicrosPerWrite", "writerMicrosPerFrame",
            "readerMicrosPerFrame"})
    public record FloorStep(int framesPerWrite, long writes, long bytes, double writerMicrosPerWrite,
                            double writerMicrosPerFrame, double readerMicrosPerFrame) {
    }

    /**
     * The server's resident memory before the clients connected and after the run (before they
     * left), summed over its nodes, and per node when there are several.
     */
    @JsonbPropertyOrder({"before", "after", "perConnection", "perNode"})
    public record Memory(Long before, Long after, Double perConnection, List<NodeMemory> perNode) {

        /** The memory of {@code servers} now against {@code before} (their {@link Servers#rssKbPerNode()} then). */
        static Memory of(Servers servers, List<Long> before) {
            List<Long> after = servers.rssKbPerNode();
            List<NodeMemory> perNode = null;
            if (before.size() > 1) {
                perNode = new ArrayList<>();
                for (int i = 0; i < before.size(); i++) {
                    perNode.add(new NodeMemory(before.get(i), after.get(i)));
                }
            }
            return new Memory(Servers.sum(before), Servers.sum(after), null, perNode);
        }

        /** The same with the growth shared by {@code connections}. */
        Memory sharedBy(int connections) {
            return new Memory(before, after, before == null || after == null ? null
                    : round1((after - before) / (double) Math.max(1, connections)), perNode);
        }
    }

    /** One node's resident memory before and after. */
    @JsonbPropertyOrder({"before", "after"})
    public record NodeMemory(Long before, Long after) {
    }

    /** The soft open-file limits of the tool and of the server (the lowest of its nodes'). */
    @JsonbPropertyOrder({"tool", "server"})
    public record OpenFiles(Long tool, Long server) {
    }

    String toJson() {
        return JSONB.toJson(this);
    }

    static double ms(long micros) {
        return Math.round(micros / 10.0) / 100.0;
    }

    static Double round1(double v) {
        return Math.round(v * 10) / 10.0;
    }

    static double round2(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
