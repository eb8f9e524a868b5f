package chat.flack.bench;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code src/bench/run}'s command line as picocli reads it: every option with its default and its
 * help text. {@link #options()} checks what the types cannot (ranges, one pid per node, options
 * that go together) and gives the {@link Options} the tool runs with. A bad command line is one
 * line on standard error and status 2; {@code --help} prints the usage on standard output.
 */
@Command(name = "src/bench/run", sortOptions = false, abbreviateSynopsis = true, usageHelpAutoWidth = true,
        description = {"Drives a running Flack, or Tomcat's example chat as a baseline, over its real protocol and"
                + " prints one JSON line per run, which it also appends to the results file.", ""},
        footer = {"", "docs/benchmark.md explains the modes, every option and the output."})
final class BenchCommand implements Callable<Integer> {

    static final String SPLIT = "\\s*,\\s*";

    @Spec
    private CommandSpec spec;

    @Option(names = "--mode", paramLabel = "fanout|stall|ramp|floor", defaultValue = "fanout", description = {
        "fanout (default): N receivers, S senders, R msg/s for D s;",
        "stall: fanout plus K clients that never read;",
        "ramp: idle connections in steps, memory and a probe per step;",
        "floor: no server; this machine's CPU time per small write on N loopback connections, R rounds/s"
                + " for D s with 1, 2, 4 and 8 frames of P bytes per write"})
    Options.Mode mode;

    @Option(names = "--target", paramLabel = "flack|tomcat-example|both", defaultValue = Options.FLACK,
            description = "what to drive (default ${DEFAULT-VALUE}); both alternates Flack (--url) and Tomcat's"
                    + " example chat (--baseline-url)")
    String target;

    @Option(names = "--url", paramLabel = "URL", split = SPLIT, splitSynopsisLabel = ",",
            defaultValue = "http://127.0.0.1:8080", converter = HttpUrl.class,
            description = "Flack, or the example chat's Tomcat for --target tomcat-example (default"
                    + " ${DEFAULT-VALUE}); repeated or comma-separated: several Flack nodes, clients spread over"
                    + " them round robin")
    List<URI> urls;

    @Option(names = "--pid", paramLabel = "PID", split = SPLIT, splitSynopsisLabel = ",",
            description = "the server's process id, to report its memory and CPU; with several --url, one per"
                    + " node in the same order")
    List<Long> pids;

    @Option(names = "--baseline-url", paramLabel = "URL", defaultValue = "http://127.0.0.1:8091",
            converter = HttpUrl.class,
            description = "the example chat's Tomcat for --target both (default ${DEFAULT-VALUE})")
    URI baselineUrl;

    @Option(names = "--baseline-pid", paramLabel = "PID", description = "its process id")
    Long baselinePid;

    @Option(names = "--rounds", paramLabel = "K", defaultValue = "1",
            description = "with --target both: how many flack/tomcat-example pairs (default ${DEFAULT-VALUE})")
    int rounds;

    @Option(names = "--clients", paramLabel = "N", defaultValue = "100",
            description = "receiving clients (default ${DEFAULT-VALUE})")
    int clients;

    @Option(names = "--senders", paramLabel = "S", defaultValue = "10",
            description = "sending clients, each its own user (default ${DEFAULT-VALUE})")
    int senders;

    @Option(names = "--rate", paramLabel = "R", defaultValue = "50",
            description = "total messages per second (default ${DEFAULT-VALUE})")
    double rate;

    @Option(names = "--duration", paramLabel = "D", defaultValue = "5",
            description = "seconds of sending (default ${DEFAULT-VALUE})")
    double duration;

    @Option(names = "--payload", paramLabel = "P", defaultValue = "100",
            description = "message text size in bytes (default ${DEFAULT-VALUE}; at least the send time and"
                    + " number)")
    int payload;

    @Option(names = "--stall", paramLabel = "K",
            description = "clients that never read (default 0; 10 with --mode stall)")
    Integer stall;

    @Option(names = "--channels", paramLabel = "K", defaultValue = "1",
            description = "fanout and stall: channels bench-<run id>-0 ... the receivers and senders are spread"
                    + " over round robin, each sender sending in its own (default ${DEFAULT-VALUE}; at most --senders;"
                    + " Flack only)")
    int channels;

    @Option(names = "--steps", paramLabel = "A", split = SPLIT, splitSynopsisLabel = ",",
            defaultValue = "1000,2000,5000,10000",
            description = "ramp: total idle connections at each step (default ${DEFAULT-VALUE})")
    List<Integer> steps;

    @Option(names = "--concurrency", paramLabel = "C", defaultValue = "64",
            description = "logins and handshakes in flight at once (default ${DEFAULT-VALUE})")
    int concurrency;

    @Option(names = "--drain", paramLabel = "S", defaultValue = "5",
            description = "seconds without a new delivery before giving up on the rest (default ${DEFAULT-VALUE})")
    double drain;

    @Option(names = "--settle", paramLabel = "S", defaultValue = "2",
            description = "ramp: seconds to wait after a step before measuring (default ${DEFAULT-VALUE})")
    double settle;

    @Option(names = "--connect-timeout", paramLabel = "S", defaultValue = "120",
            description = "seconds allowed to connect one batch of clients (default ${DEFAULT-VALUE})")
    double connectTimeout;

    @Option(names = "--out", paramLabel = "FILE", defaultValue = "target/bench-results.jsonl",
            description = "the results file; one JSON line is appended per run (default ${DEFAULT-VALUE}; the"
                    + " project keeps the runs it reports in docs/bench-results.jsonl: --out that)")
    Path out;

    @Option(names = "--label", paramLabel = "TEXT",
            description = "free text stored with the result, e.g. the machine")
    String label;

    @Option(names = "--force", description = "run against a Flack that holds channels other than the benchmark's"
            + " (real users would see its channel and logins)")
    boolean force;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "this text")
    boolean help;

    /** The command line picocli reads into a new command: a repeated option's last value wins, modes in any case. */
    static CommandLine commandLine() {
        return new CommandLine(new BenchCommand())
                .setOverwrittenOptionsAllowed(true)
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setParameterExceptionHandler(new OneLineRefusal("bench"))
                .setExecutionExceptionHandler((e, cli, parsed) -> {
                    cli.getErr().println("bench: the run failed: " + e);
                    return 1;
                });
    }

    /** The checked options of {@code args}; a {@link ParameterException} says what is wrong with them. */
    static Options parse(String... args) {
        CommandLine cli = commandLine();
        cli.parseArgs(args);
        return cli.<BenchCommand>getCommand().options();
    }

    @Override
    public Integer call() {
        Bench.run(options());
        return 0;
    }

    Options options() {
        if (!List.of(Options.FLACK, Options.TOMCAT_EXAMPLE, Options.BOTH).contains(target)) {
            throw refused("--target is flack, tomcat-example or both, not '" + target + "'");
        }
        int stalled = stall == null ? (mode == Options.Mode.STALL ? 10 : 0) : stall;
        List<Long> nodePids = pids == null ? List.of() : List.copyOf(pids);
        Options o = new Options(mode, target, List.copyOf(urls), nodePids, baselineUrl, baselinePid,
                count("--rounds", rounds, 1, 100),
                count("--clients", clients, 0, 1_000_000),
                count("--senders", senders, 1, 100_000),
                amount("--rate", rate, 0.001, 1_000_000),
                amount("--duration", duration, 0.001, 86_400),
                count("--payload", payload, 1, 60_000),
                count("--stall", stalled, 0, 1_000_000),
                count("--channels", channels, 1, 10_000),
                increasing(steps),
                count("--concurrency", concurrency, 1, 10_000),
                amount("--drain", drain, 0.1, 3600),
                amount("--settle", settle, 0, 3600),
                amount("--connect-timeout", connectTimeout, 1, 86_400),
                out, label, force);
        if (o.mode() == Options.Mode.FLOOR && (o.clients() < 1 || !target.equals(Options.FLACK))) {
            throw refused("--mode floor needs --clients of at least 1 and drives no server (no --target)");
        }
        if (o.mode() == Options.Mode.STALL && o.stall() == 0) {
            throw refused("--mode stall needs --stall of at least 1");
        }
        if (o.channels() > 1 && o.mode() == Options.Mode.RAMP) {
            throw refused("--channels is for --mode fanout and stall; the ramp's connections share one channel");
        }
        if (o.channels() > 1 && !target.equals(Options.FLACK)) {
            throw refused("--channels " + o.channels() + " needs --target flack: Tomcat's example chat has one room");
        }
        if (o.channels() > o.senders()) {
            throw refused("--channels " + o.channels() + " needs at least as many --senders (one per channel), not "
                    + o.senders());
        }
        if (urls.size() != urls.stream().distinct().count()) {
            throw refused("--url names a node twice: " + urls);
        }
        if (urls.size() > 1 && target.equals(Options.TOMCAT_EXAMPLE)) {
            throw refused("--target tomcat-example takes one --url; several are Flack nodes");
        }
        if (!nodePids.isEmpty() && nodePids.size() != urls.size()) {
            throw refused("--pid needs one process id per --url (" + urls.size() + "), not " + nodePids.size());
        }
        return o;
    }

    private int count(String name, int value, int min, int max) {
        if (value < min || value > max) {
            throw refused(name + " must be a whole number from " + min + " to " + max + ", not " + value);
        }
        return value;
    }

    private double amount(String name, double value, double min, double max) {
        if (!(value >= min && value <= max)) {
            throw refused(name + " must be a number from " + min + " to " + max + ", not " + value);
        }
        return value;
    }

    private List<Integer> increasing(List<Integer> totals) {
        for (int i = 0; i < totals.size(); i++) {
            if (totals.get(i) < 1 || (i > 0 && totals.get(i) <= totals.get(i - 1))) {
                throw refused("--steps must be positive and increasing, not " + totals);
            }
        }
        return List.copyOf(totals);
    }

    private ParameterException refused(String message) {
        return new ParameterException(spec.commandLine(), message);
    }

    /** An {@code http://} URL, ending in a slash so that paths resolve under it. */
    static final class HttpUrl implements ITypeConverter<URI> {
        @Override
        public URI convert(String value) {
            if (value.isBlank()) {
                throw new TypeConversionException("an empty item");
            }
            URI u;
            try {
                u = URI.create(value.endsWith("/") ? value : value + "/");
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException("not a URL: '" + value + "'");
            }
            if (!"http".equals(u.getScheme()) || u.getHost() == null) {
                throw new TypeConversionException("must be an http:// URL, not '" + value + "'");
            }
            return u;
        }
    }
}
