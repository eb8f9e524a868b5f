package chat.flack.bench;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The fan-out run (and the stall run, which adds clients that never read): N receivers and S
 * senders join K channels (one by default), the senders send R messages a second in all for D
 * seconds, message i from sender i mod S in that sender's channel, and every receiver counts what
 * it gets of its channel's. A channel expects its accepted sends times its receivers that
 * connected. A receiver the server closes for falling behind reconnects and pages back through
 * the history, as the chat page does, where the target keeps one (Flack): what it finds there
 * counts as delivered (with its latency), and as recovered.
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
        List<Channel> channels = roster.channels(options.channels(), options.senders());
        Connector connector = new Connector(target, options.concurrency(),
                Duration.ofMillis((long) (options.connectTimeout() * 1000)));

        Lineup lineup = Lineup.of(options, target, roster, channels);
        List<Client> creators = lineup.creators();
        List<Client> everyone = lineup.everyone();
        try {
            Progress.say("%s: connecting %d senders, %d receivers, %d stalled in %d channel(s) at %s", target.name(),
                    lineup.senders().size(), lineup.receivers().size(), lineup.stalled().size(), channels.size(),
                    target.urls());
            // The first sender of each channel creates it; everybody else joins after.
            Connector.Batch first = connector.connectCreators(creators);
            if (!first.failed().isEmpty()) {
                throw new IllegalStateException("the senders that create the channels could not connect: "
                        + first.firstFailure());
            }
            Connector.Batch rest = connector.connect(everyone.subList(creators.size(), everyone.size()));
            long connectMs = first.millis() + rest.millis();
            int connectFailures = rest.failed().size();
            if (connectFailures > 0) {
                Progress.say("%d clients did not connect; first failure: %s", connectFailures, rest.firstFailure());
            }
            List<Client> liveSenders = alive(lineup.senders(), rest.failed());
            List<Client> liveReceivers = alive(lineup.receivers(), rest.failed());
            List<Client> liveStalled = alive(lineup.stalled(), rest.failed());
            List<Client> seats = seats(channels, lineup.senders(), liveSenders);
            int[] receivers = count(channels, liveReceivers);
            double perSender = options.rate() / seats.size() * mostSeatsOfOne(seats);
            if (perSender > target.sendsPerSecondPerSender()) {
                Progress.say("warning: %.1f messages/s per sender is over the server's per-user limit of %.0f;"
                        + " expect 'rate-limited' refusals (use more --senders)", perSender,
                        target.sendsPerSecondPerSender());
            }
            Progress.say("connected in %d ms; sending %d messages at %.1f/s", connectMs, options.messages(),
                    options.rate());

            CpuWindow cpu = new CpuWindow(servers);
            long firstSend = pace(seats);
            awaitSends(liveSenders);
            drain(channels, receivers);
            Result.Cpu cpuUsed = cpu.end();
            Tally tally = Tally.of(channels, receivers);
            Result.Memory memory = servers == null ? null : Result.Memory.of(servers, rssBefore);
            int disconnected = (int) liveReceivers.stream().filter(c -> c.closed.isDone()).count();
            Result.Stall stall = options.stall() == 0 ? null
                    : new Result.Stall(options.stall(), liveStalled.size(), closedByServer(liveStalled));

            double seconds = Math.max(1, tally.lastNanos() - firstSend) / (double) SECOND;
            int connections = liveReceivers.size() + liveSenders.size() + liveStalled.size();
            return new Result(
                    Bench.now(), options.mode().name().toLowerCase(Locale.ROOT), target.name(),
                    target.urls().get(0).toString(), target.urls().size(),
                    target.urls().stream().map(URI::toString).toList(), options.label(),
                    new Result.Params(options.clients(), options.senders(), options.rate(), options.duration(),
                            options.payload(), options.stall(), options.channels(), options.messages(), null,
                            options.concurrency(), Runtime.getRuntime().availableProcessors()),
                    connectMs, connectFailures, tally.sent(), tally.refused(), tally.expected(), tally.delivered(),
                    tally.lost(), tally.duplicated(), tally.misdelivered(),
                    Result.Latency.of(tally.latencies()),
                    tally.delivered() == 0 ? 0.0 : Result.round1(tally.delivered() / seconds),
                    disconnected, target.recovers() ? tally.recovered() : null, cpuUsed, stall, null, null,
                    memory == null ? null : memory.sharedBy(connections),
                    tally.errors(),
                    new Result.OpenFiles(ServerProcess.self().openFileLimit(),
                            servers == null ? null : servers.openFileLimit()));
        } finally {
            roster.release(target, everyone);
        }
    }

    /**
     * Who sends for each sender's seat: the sender itself, or for one that did not connect another
     * of its channel, round robin; refuses a channel none of whose senders connected.
     */
    private static List<Client> seats(List<Channel> channels, List<Client> senders, List<Client> live) {
        Set<Client> alive = new HashSet<>(live);
        List<Client> seats = new ArrayList<>(senders.size());
        int[] standIns = new int[channels.size()];
        for (Client seat : senders) {
            if (alive.contains(seat)) {
                seats.add(seat);
                continue;
            }
            List<Client> others = live.stream().filter(c -> c.channel == seat.channel).toList();
            if (others.isEmpty()) {
                throw new IllegalStateException("no sender of channel " + seat.channel.name + " connected");
            }
            seats.add(others.get(standIns[seat.channel.index]++ % others.size()));
        }
        return seats;
    }

    /** The most seats one sender holds (1 when every sender connected). */
    private static long mostSeatsOfOne(List<Client> seats) {
        Map<Client, Long> held = new HashMap<>();
        seats.forEach(c -> held.merge(c, 1L, Long::sum));
        return held.values().stream().mapToLong(Long::longValue).max().orElse(1);
    }

    /** How many of {@code clients} are in each channel, by channel index. */
    private static int[] count(List<Channel> channels, List<Client> clients) {
        int[] counts = new int[channels.size()];
        clients.forEach(c -> counts[c.channel.index]++);
        return counts;
    }

    /** Sends message i at start + i/R from seat i mod S, in its channel; returns when the first was sent. */
    private long pace(List<Client> seats) {
        long total = options.messages();
        double interval = SECOND / options.rate();
        long start = Payload.now() + 10_000_000L;
        for (long i = 0; i < total; i++) {
            long due = start + (long) (i * interval);
            for (long wait = due - Payload.now(); wait > 0; wait = due - Payload.now()) {
                LockSupport.parkNanos(wait);
            }
            Client sender = seats.get((int) (i % seats.size()));
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
     * Waits until every channel's receivers have all its accepted sends, or until none arrived for
     * the drain time (at most ten drain times in all).
     */
    private void drain(List<Channel> channels, int[] receivers) {
        long quietLimit = (long) (options.drain() * SECOND);
        long hardLimit = System.nanoTime() + 10 * quietLimit;
        long lastCount = -1;
        long lastChange = System.nanoTime();
        while (System.nanoTime() < hardLimit && !Tally.complete(channels, receivers)) {
            long now = channels.stream().mapToLong(c -> c.deliveries.delivered()).sum();
            if (now != lastCount) {
                lastCount = now;
                lastChange = System.nanoTime();
            } else if (System.nanoTime() - lastChange > quietLimit) {
                break;
            }
            sleep(20);
        }
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
