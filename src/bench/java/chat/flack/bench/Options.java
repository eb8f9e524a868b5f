package chat.flack.bench;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;

/** The benchmark's options, checked ({@link BenchCommand} reads them from the command line and documents each). */
record Options(
        Mode mode,
        String target,
        List<URI> urls,
        List<Long> pids,
        URI baselineUrl,
        Long baselinePid,
        int rounds,
        int clients,
        int senders,
        double rate,
        double duration,
        int payload,
        int stall,
        int channels,
        List<Integer> steps,
        int concurrency,
        double drain,
        double settle,
        double connectTimeout,
        Path out,
        String label,
        boolean force) {

    enum Mode { FANOUT, STALL, RAMP, FLOOR }

    static final String FLACK = "flack";
    static final String TOMCAT_EXAMPLE = "tomcat-example";
    static final String BOTH = "both";

    /** The checked options of a command line; a {@link picocli.CommandLine.ParameterException} says what is wrong. */
    static Options parse(String... args) {
        return BenchCommand.parse(args);
    }

    /** The same options aimed at one target, its nodes' {@code urls} and {@code pids}. */
    Options aimedAt(String oneTarget, List<URI> nodeUrls, List<Long> nodePids) {
        return new Options(mode, oneTarget, nodeUrls, nodePids, baselineUrl, baselinePid, 1, clients, senders, rate,
                duration, payload, stall, channels, steps, concurrency, drain, settle, connectTimeout, out, label, force);
    }

    /** Messages the run sends in all. */
    long messages() {
        return Math.max(1, Math.round(rate * duration));
    }
}
