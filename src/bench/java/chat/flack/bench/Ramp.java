package chat.flack.bench;

import org.HdrHistogram.Histogram;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The ramp: idle connections, all in the channel, are opened in steps (1000, 2000, 5000, ...);
 * after each step the server's resident memory is read and one probe message is sent, which
 * every connection must receive. Stops after the first step where connections fail or the
 * probe does not reach everyone.
 */
final class Ramp {

    private static final long PROBE_WAIT_NANOS = 30_000_000_000L;

    private final Options options;
    private final Target target;
    private final Roster roster;

    Ramp(Options options, Target target, Roster roster) {
        this.options = options;
        this.target = target;
        this.roster = roster;
    }

    Result run() {
        Servers servers = Servers.of(options.pids());
        List<Long> rssBeforePerNode = servers == null ? null : servers.rssKbPerNode();
        Long rssBefore = servers == null ? null : Servers.sum(rssBeforePerNode);
        Channel channel = roster.channels(1, 1).get(0);
        Connector connector = new Connector(target, options.concurrency(),
                Duration.ofMillis((long) (options.connectTimeout() * 1000)));
        Client prober = new Client(target, Client.Role.SENDER, roster.name("p", 0), target.nodeOf(0), channel, true);
        List<Client> everyone = new ArrayList<>(List.of(prober));
        List<Client> idle = new ArrayList<>();
        List<Result.RampStep> steps = new ArrayList<>();
        try {
            Connector.Batch first = connector.connectCreators(List.of(prober));
            if (!first.failed().isEmpty()) {
                throw new IllegalStateException("the probe sender could not connect: " + first.firstFailure());
            }
            for (int step = 0; step < options.steps().size(); step++) {
                int goal = options.steps().get(step);
                List<Client> batch = new ArrayList<>();
                for (int i = idle.size(); i < goal; i++) {
                    batch.add(new Client(target, Client.Role.RECEIVER, roster.name("i", i), target.nodeOf(i), channel,
                            false));
                }
                everyone.addAll(batch);
                Progress.say("%s: ramp to %d connections (+%d)", target.name(), goal, batch.size());
                Connector.Batch b = connector.connect(batch);
                idle.addAll(b.connected());
                if (!b.failed().isEmpty()) {
                    Progress.say("%d connections failed; first failure: %s", b.failed().size(), b.firstFailure());
                }
                FanOut.sleep((long) (options.settle() * 1000));
                Long rss = servers == null ? null : servers.rssKb();

                Deliveries probe = new Deliveries();
                idle.forEach(c -> c.deliveries = probe);
                prober.send(target.sendFrame(prober, Payload.text(Payload.now(), step, options.payload()), step), true);
                long deadline = System.nanoTime() + PROBE_WAIT_NANOS;
                while (probe.delivered() < idle.size() && System.nanoTime() < deadline) {
                    FanOut.sleep(20);
                }
                idle.forEach(c -> c.deliveries = null);
                boolean all = probe.delivered() == idle.size() && probe.duplicates() == 0;
                Histogram probeLatencies = probe.latencies();
                steps.add(new Result.RampStep(idle.size(), b.failed().size(), b.millis(), rss,
                        rss == null || rssBefore == null ? null
                                : Result.round1((rss - rssBefore) / (double) idle.size()),
                        probe.delivered(), all,
                        Result.ms(probeLatencies.getValueAtPercentile(50)), Result.ms(probeLatencies.getMaxValue())));
                Progress.say("%d connections, rss %s kB, probe reached %d", idle.size(), rss, probe.delivered());
                if (!b.failed().isEmpty() || !all) {
                    Progress.say("the ramp stops here");
                    break;
                }
            }
            return new Result(
                    Bench.now(), "ramp", target.name(), target.urls().get(0).toString(), target.urls().size(),
                    target.urls().stream().map(URI::toString).toList(), options.label(),
                    new Result.Params(null, null, null, null, options.payload(), null, null, null, options.steps(),
                            options.concurrency(), Runtime.getRuntime().availableProcessors()),
                    null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                    steps, null,
                    servers == null ? null : Result.Memory.of(servers, rssBeforePerNode),
                    channel.errors.byCode(),
                    new Result.OpenFiles(ServerProcess.self().openFileLimit(),
                            servers == null ? null : servers.openFileLimit()));
        } finally {
            roster.release(target, everyone);
        }
    }

}
