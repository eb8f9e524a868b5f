package chat.flack.bench;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * The fan-out run (and the stall run, which adds clients that never read): N receivers and S
 * senders join one channel, the senders send R messages a second in all for D seconds, and every
 * receiver counts what it gets. Expected deliveries are the accepted sends times the receivers
 * that connected. A receiver the server closes for falling behind reconnects and pages back
 * through the history, as the chat page does, where the target keeps one (Flack): what it
 * finds there counts as delivered (with its latency), and as recovered.
 */
final class FanOut {

    private static final long SECOND = 1_000_000_000L;

    private final Options options;
    private final Target target;
    private final Roster roster;

    FanOut(Options options, Target target, Roster roster) {
        this.options = options;
        this.target = target;
        this.roster = roster;
    }

    Result run() {
        Servers servers = Servers.of(options.pids());
        List<Long> rssBefore = servers == null ? null : servers.rssKbPerNode();
        ErrorTally errors = new ErrorTally();
        LongAdder sent = new LongAdder();
        Deliveries deliveries = new Deliveries();
        Connector connector = new Connector(target, options.concurrency(),
                Duration.ofMillis((long) (options.connectTimeout() * 1000)));

        Lineup lineup = Lineup.of(options, target, roster, errors, sent, deliveries);
        List<Client> senders = lineup.senders();
        List<Client> receivers = lineup.receivers();
        List<Client> stalled = lineup.stalled();
        List<Client> everyone = lineup.everyone();
        try {
            Progress.say("%s: connecting %d senders, %d receivers, %d stalled at %s", target.name(),
                    senders.size(), receivers.size(), stalled.size(), target.urls());
            // The first sender creates the channel; everybody else joins it after.
            Connector.Batch first = connector.connectCreator(senders.get(0));
            if (!first.failed().isEmpty()) {
                throw new IllegalStateException("the first sender could not connect: " + first.firstFailure());
            }
            Connector.Batch rest = connector.connect(everyone.subList(1, everyone.size()));
            long connectMs = first.millis() + rest.millis();
            int connectFailures = rest.failed().size();
            if (connectFailures > 0) {
                Progress.say("%d clients did not connect; first failure: %s", connectFailures, rest.firstFailure());
            }
            List<Client> liveSenders = alive(senders, rest.failed());
            List<Client> liveReceivers = alive(receivers, rest.failed());
            List<Client> liveStalled = alive(stalled, rest.failed());
            double perSender = options.rate() / liveSenders.size();
            if (perSender > target.sendsPerSecondPerSender()) {
                Progress.say("warning: %.1f messages/s per sender is over the server's per-user limit of %.0f;"
                        + " expect 'rate-limited' refusals (use more --senders)", perSender,
                        target.sendsPerSecondPerSender());
            }
            Progress.say("connected in %d ms; sending %d messages at %.1f/s", connectMs, options.messages(),
                    options.rate());

            CpuWindow cpu = new CpuWindow(servers);
            long firstSend = pace(liveSenders);
            awaitSends(liveSenders);
            long expected = drain(deliveries, errors, sent, liveReceivers.size());
            Result.Cpu cpuUsed = cpu.end();
            long refused = errors.refusedSends();
            Result.Memory memory = servers == null ? null : Result.Memory.of(servers, rssBefore);
            int disconnected = (int) liveReceivers.stream().filter(c -> c.closed.isDone()).count();
            Result.Stall stall = options.stall() == 0 ? null
                    : new Result.Stall(options.stall(), liveStalled.size(), closedByServer(liveStalled));

            long delivered = deliveries.delivered();
            double seconds = Math.max(1, deliveries.lastNanos() - firstSend) / (double) SECOND;
            int connections = liveReceivers.size() + liveSenders.size() + liveStalled.size();
            return new Result(
                    Bench.now(), options.mode().name().toLowerCase(Locale.ROOT), target.name(),
                    target.urls().get(0).toString(), target.urls().size(),
                    target.urls().stream().map(URI::toString).toList(), options.label(),
                    new Result.Params(options.clients(), options.senders(), options.rate(), options.duration(),
                            options.payload(), options.stall(), options.messages(), null, options.concurrency(),
                            Runtime.getRuntime().availableProcessors()),
                    connectMs, connectFailures, sent.sum(), refused, expected, delivered,
                    Math.max(0, expected - delivered), deliveries.duplicates(),
                    Result.Latency.of(deliveries.latencies()),
                    delivered == 0 ? 0.0 : Result.round1(delivered / seconds),
                    disconnected, target.recovers() ? deliveries.recovered() : null, cpuUsed, stall, null,
                    memory == null ? null : memory.sharedBy(connections),
                    errors.byCode(),
                    new Result.OpenFiles(ServerProcess.self().openFileLimit(),
                            servers == null ? null : servers.openFileLimit()));
        } finally {
            roster.release(target, everyone);
        }
    }

    /** Sends message i at start + i/R, round-robin over the senders; returns when the first was sent. */
    private long pace(List<Client> senders) {
        long total = options.messages();
        double interval = SECOND / options.rate();
        long start = Payload.now() + 10_000_000L;
        for (long i = 0; i < total; i++) {
            long due = start + (long) (i * interval);
            for (long wait = due - Payload.now(); wait > 0; wait = due - Payload.now()) {
                LockSupport.parkNanos(wait);
            }
            Client sender = senders.get((int) (i % senders.size()));
            sender.send(target.sendFrame(sender, Payload.text(Payload.now(), i, options.payload()), i), true);
        }
        return start;
    }

    private static void awaitSends(List<Client> senders) {
        try {
            CompletableFuture.allOf(senders.stream().map(Client::lastSend).toArray(CompletableFuture[]::new))
                    .get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            Progress.say("not every send was written: %s", e);
        }
    }

    /**
     * Waits until every expected delivery arrived, or until none arrived for the drain time
     * (at most ten drain times in all); returns the expected count.
     */
    private long drain(Deliveries deliveries, ErrorTally errors, LongAdder sent, int receivers) {
        long quietLimit = (long) (options.drain() * SECOND);
        long hardLimit = System.nanoTime() + 10 * quietLimit;
        long lastCount = -1;
        long lastChange = System.nanoTime();
        while (System.nanoTime() < hardLimit) {
            long expected = (sent.sum() - errors.refusedSends()) * receivers;
            long now = deliveries.delivered();
            if (now >= expected) {
                break;
            }
            if (now != lastCount) {
                lastCount = now;
                lastChange = System.nanoTime();
            } else if (System.nanoTime() - lastChange > quietLimit) {
                break;
            }
            sleep(20);
        }
        return (sent.sum() - errors.refusedSends()) * receivers;
    }

    /** Lets the stalled clients read again and counts those the server had closed (or closes now). */
    private static int closedByServer(List<Client> stalled) {
        stalled.forEach(Client::release);
        try {
            CompletableFuture.allOf(stalled.stream().map(c -> c.closed).toArray(CompletableFuture[]::new))
                    .get(2, TimeUnit.SECONDS);
        } catch (Exception e) {
            // the ones still open are counted as such
        }
        return (int) stalled.stream().filter(c -> c.closed.isDone()).count();
    }

    private static List<Client> alive(List<Client> group, List<Client> failed) {
        Set<Client> gone = new HashSet<>(failed);
        return group.stream().filter(c -> !gone.contains(c)).toList();
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
