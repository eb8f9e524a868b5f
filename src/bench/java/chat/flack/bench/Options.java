package chat.flack.bench;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The benchmark's command-line options, checked; {@link #USAGE} documents every one. */
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
        List<Integer> steps,
        int concurrency,
        double drain,
        double settle,
        double connectTimeout,
        Path out,
        String label,
        boolean force) {

    enum Mode { FANOUT, STALL, RAMP }

    static final String FLACK = "flack";
    static final String TOMCAT_EXAMPLE = "tomcat-example";
    static final String BOTH = "both";

    static final String USAGE = """
            Usage: src/bench/run [option value]...
              --mode fanout|stall|ramp   fanout (default): N receivers, S senders, R msg/s for D s;
                                         stall: fanout plus K clients that never read;
                                         ramp: idle connections in steps, memory and a probe per step
              --target flack|tomcat-example|both   what to drive (default flack); both alternates
                                         flack (--url) and Tomcat's example chat (--baseline-url)
              --url URL[,URL...]         Flack, or the example chat's Tomcat for --target tomcat-example
                                         (default http://127.0.0.1:8080); repeated or comma-separated:
                                         several Flack nodes, clients spread over them round robin
              --pid PID[,PID...]         the server's process id, to report its memory and CPU;
                                         with several --url, one per node in the same order
              --baseline-url URL         the example chat's Tomcat for --target both (default http://127.0.0.1:8091)
              --baseline-pid PID         its process id
              --rounds K                 with --target both: how many flack/tomcat-example pairs (default 1)
              --clients N                receiving clients (default 100)
              --senders S                sending clients, each its own user (default 10)
              --rate R                   total messages per second (default 50)
              --duration D               seconds of sending (default 5)
              --payload P                message text size in bytes (default 100; at least the send time and number)
              --stall K                  clients that never read (default 0; 10 with --mode stall)
              --steps A,B,...            ramp: total idle connections at each step (default 1000,2000,5000,10000)
              --concurrency C            logins and handshakes in flight at once (default 64)
              --drain S                  seconds without a new delivery before giving up on the rest (default 5)
              --settle S                 ramp: seconds to wait after a step before measuring (default 2)
              --connect-timeout S        seconds allowed to connect one batch of clients (default 120)
              --out FILE                 the results file; one JSON line is appended per run
                                         (default target/bench-results.jsonl; the project keeps the
                                         runs it reports in docs/bench-results.jsonl: --out that)
              --label TEXT               free text stored with the result, e.g. the machine
              --force                    run against a Flack that holds channels other than the
                                         benchmark's (real users would see its channel and logins)
              --help                     this text
            """;

    static Options parse(String... args) {
        Map<String, List<String>> given = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String key = args[i];
            if (key.equals("--help") || key.equals("-h")) {
                throw new Help();
            }
            if (key.equals("--force")) {
                given.put("force", List.of("true"));
                continue;
            }
            if (!key.startsWith("--") || !KEYS.contains(key.substring(2))) {
                throw new IllegalArgumentException("unknown option '" + key + "'");
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(key + " needs a value");
            }
            given.computeIfAbsent(key.substring(2), k -> new ArrayList<>()).add(args[++i]);
        }
        Reader r = new Reader(given);
        Mode mode = r.mode();
        String target = r.string("target", FLACK);
        if (!List.of(FLACK, TOMCAT_EXAMPLE, BOTH).contains(target)) {
            throw new IllegalArgumentException("--target is flack, tomcat-example or both, not '" + target + "'");
        }
        Options o = new Options(
                mode,
                target,
                r.uris("url", "http://127.0.0.1:8080"),
                r.pids("pid"),
                r.uri("baseline-url", "http://127.0.0.1:8091"),
                r.pid("baseline-pid"),
                r.integer("rounds", 1, 1, 100),
                r.integer("clients", 100, 0, 1_000_000),
                r.integer("senders", 10, 1, 100_000),
                r.decimal("rate", 50, 0.001, 1_000_000),
                r.decimal("duration", 5, 0.001, 86_400),
                r.integer("payload", 100, 1, 60_000),
                r.integer("stall", mode == Mode.STALL ? 10 : 0, 0, 1_000_000),
                r.steps(),
                r.integer("concurrency", 64, 1, 10_000),
                r.decimal("drain", 5, 0.1, 3600),
                r.decimal("settle", 2, 0, 3600),
                r.decimal("connect-timeout", 120, 1, 86_400),
                Path.of(r.string("out", "target/bench-results.jsonl")),
                r.string("label", null),
                given.containsKey("force"));
        if (o.mode == Mode.STALL && o.stall == 0) {
            throw new IllegalArgumentException("--mode stall needs --stall of at least 1");
        }
        if (o.urls.size() > 1 && target.equals(TOMCAT_EXAMPLE)) {
            throw new IllegalArgumentException("--target tomcat-example takes one --url; several are Flack nodes");
        }
        if (!o.pids.isEmpty() && o.pids.size() != o.urls.size()) {
            throw new IllegalArgumentException("--pid needs one process id per --url (" + o.urls.size()
                    + "), not " + o.pids.size());
        }
        return o;
    }

    /** The same options aimed at one target, its nodes' {@code urls} and {@code pids}. */
    Options aimedAt(String oneTarget, List<URI> nodeUrls, List<Long> nodePids) {
        return new Options(mode, oneTarget, nodeUrls, nodePids, baselineUrl, baselinePid, 1, clients, senders, rate,
                duration, payload, stall, steps, concurrency, drain, settle, connectTimeout, out, label, force);
    }

    /** Messages the run sends in all. */
    long messages() {
        return Math.max(1, Math.round(rate * duration));
    }

    private static final List<String> KEYS = List.of("mode", "target", "url", "pid", "baseline-url", "baseline-pid",
            "rounds", "clients", "senders", "rate", "duration", "payload", "stall", "steps", "concurrency", "drain",
            "settle", "connect-timeout", "out", "label");

    /** Asked for the usage text. */
    static final class Help extends RuntimeException {
        Help() {
            super(null, null, false, false);
        }
    }

    private record Reader(Map<String, List<String>> given) {

        /** The value given last, or {@code fallback}. */
        String string(String key, String fallback) {
            List<String> values = given.get(key);
            return values == null ? fallback : values.get(values.size() - 1);
        }

        /** Every value of a repeatable option, each split at commas, in order; empty when not given. */
        List<String> list(String key) {
            List<String> items = new ArrayList<>();
            for (String value : given.getOrDefault(key, List.of())) {
                for (String item : value.split(",", -1)) {
                    if (item.isBlank()) {
                        throw new IllegalArgumentException("--" + key + " has an empty item in '" + value + "'");
                    }
                    items.add(item.trim());
                }
            }
            return items;
        }

        Mode mode() {
            String v = string("mode", "fanout");
            try {
                return Mode.valueOf(v.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--mode is fanout, stall or ramp, not '" + v + "'");
            }
        }

        List<URI> uris(String key, String fallback) {
            List<String> values = list(key);
            List<URI> uris = (values.isEmpty() ? List.of(fallback) : values).stream()
                    .map(v -> parseUri(key, v)).toList();
            if (uris.size() != uris.stream().distinct().count()) {
                throw new IllegalArgumentException("--" + key + " names a node twice: " + uris);
            }
            return uris;
        }

        List<Long> pids(String key) {
            return list(key).stream().map(v -> processId(key, v)).toList();
        }

        URI uri(String key, String fallback) {
            return parseUri(key, string(key, fallback));
        }

        private static URI parseUri(String key, String v) {
            URI u = URI.create(v.endsWith("/") ? v : v + "/");
            if (!"http".equals(u.getScheme()) || u.getHost() == null) {
                throw new IllegalArgumentException("--" + key + " must be an http:// URL, not '" + v + "'");
            }
            return u;
        }

        Long pid(String key) {
            String v = string(key, null);
            return v == null ? null : processId(key, v);
        }

        private static Long processId(String key, String v) {
            try {
                return Long.parseLong(v.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--" + key + " must be a process id, not '" + v + "'");
            }
        }

        int integer(String key, int fallback, int min, int max) {
            return (int) decimal(key, fallback, min, max, true);
        }

        double decimal(String key, double fallback, double min, double max) {
            return decimal(key, fallback, min, max, false);
        }

        private double decimal(String key, double fallback, double min, double max, boolean whole) {
            String v = string(key, null);
            if (v == null) {
                return fallback;
            }
            try {
                double d = Double.parseDouble(v.trim());
                if (d >= min && d <= max && (!whole || d == Math.rint(d))) {
                    return d;
                }
            } catch (NumberFormatException e) {
                // answered below
            }
            throw new IllegalArgumentException("--" + key + " must be a " + (whole ? "whole " : "")
                    + "number from " + (whole ? String.valueOf((long) min) : min) + " to "
                    + (whole ? String.valueOf((long) max) : max) + ", not '" + v + "'");
        }

        List<Integer> steps() {
            String v = string("steps", "1000,2000,5000,10000");
            List<Integer> steps = new ArrayList<>();
            try {
                Arrays.stream(v.split(",")).map(String::trim).map(Integer::parseInt).forEach(steps::add);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--steps is a comma-separated list of whole numbers, not '" + v + "'");
            }
            for (int i = 0; i < steps.size(); i++) {
                if (steps.get(i) < 1 || (i > 0 && steps.get(i) <= steps.get(i - 1))) {
                    throw new IllegalArgumentException("--steps must be positive and increasing, not '" + v + "'");
                }
            }
            return List.copyOf(steps);
        }
    }
}
