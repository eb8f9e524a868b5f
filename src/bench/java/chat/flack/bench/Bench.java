package chat.flack.bench;

import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The benchmark tool: drives a running Flack (or Tomcat's example chat, the baseline) over its
 * real protocol and prints one JSON line per run, which it also appends to the results file.
 * See docs/benchmark.md for the command and every option.
 */
public final class Bench {

    private static final DateTimeFormatter AT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

    private Bench() {
    }

    public static void main(String[] args) {
        System.exit(BenchCommand.commandLine().execute(args));
    }

    /** Runs what {@code args} ask for; prints and appends each result line, and returns the results. */
    public static List<Result> run(String... args) {
        return run(Options.parse(args));
    }

    static List<Result> run(Options options) {
        ExecutorService executor = Executors.newFixedThreadPool(Math.max(2, Runtime.getRuntime().availableProcessors()),
                runnable -> {
                    Thread t = new Thread(runnable, "bench-io");
                    t.setDaemon(true);
                    return t;
                });
        try {
            HttpClient http = HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(30))
                    .executor(executor)
                    .build();
            List<Result> results = new ArrayList<>();
            for (Options one : plan(options)) {
                if (one.mode() == Options.Mode.FLOOR) {
                    results.add(report(one, new WriteFloor(one).run()));
                    continue;
                }
                Roster roster = new Roster(one.concurrency());
                Target target = Target.of(one.target(), http, one.urls(), one.force());
                Result result = one.mode() == Options.Mode.RAMP
                        ? new Ramp(one, target, roster).run()
                        : new FanOut(one, target, roster).run();
                results.add(report(one, result));
            }
            return results;
        } finally {
            executor.shutdownNow();
        }
    }

    /** The runs to make: one, or with {@code --target both} flack and the example chat taking turns. */
    private static List<Options> plan(Options o) {
        if (!o.target().equals(Options.BOTH)) {
            return List.of(o);
        }
        List<Options> runs = new ArrayList<>();
        for (int i = 0; i < o.rounds(); i++) {
            runs.add(o.aimedAt(Options.FLACK, o.urls(), o.pids()));
            runs.add(o.aimedAt(Options.TOMCAT_EXAMPLE, List.of(o.baselineUrl()),
                    o.baselinePid() == null ? List.of() : List.of(o.baselinePid())));
        }
        return runs;
    }

    /** Prints the result's line and appends it to the results file. */
    private static Result report(Options o, Result result) {
        String line = result.toJson();
        System.out.println(line);
        append(o, line);
        return result;
    }

    private static void append(Options o, String line) {
        try {
            if (o.out().toAbsolutePath().getParent() != null) {
                Files.createDirectories(o.out().toAbsolutePath().getParent());
            }
            Files.writeString(o.out(), line + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            Progress.say("could not append to %s: %s", o.out(), e);
        }
    }

    static String now() {
        return AT.format(Instant.now());
    }
}
