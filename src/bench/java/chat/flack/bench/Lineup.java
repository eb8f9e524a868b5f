package chat.flack.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/**
 * The clients of a fan-out run, spread over the target's nodes round robin: sender j on node
 * j mod N, receiver i on node i mod N, stalled client k on node k mod N. The first sender (on
 * the first node) creates the channel.
 */
record Lineup(List<Client> senders, List<Client> receivers, List<Client> stalled) {

    static Lineup of(Options options, Target target, Roster roster, ErrorTally errors, LongAdder sent,
                     Deliveries deliveries) {
        List<Client> senders = new ArrayList<>();
        List<Client> receivers = new ArrayList<>();
        List<Client> stalled = new ArrayList<>();
        for (int i = 0; i < options.senders(); i++) {
            senders.add(new Client(target, Client.Role.SENDER, roster.name("s", i), target.nodeOf(i), i == 0,
                    errors, sent));
        }
        for (int i = 0; i < options.clients(); i++) {
            Client c = new Client(target, Client.Role.RECEIVER, roster.name("r", i), target.nodeOf(i), false,
                    errors, sent);
            c.deliveries = deliveries;
            receivers.add(c);
        }
        for (int i = 0; i < options.stall(); i++) {
            stalled.add(new Client(target, Client.Role.STALLED, roster.name("k", i), target.nodeOf(i), false,
                    errors, sent));
        }
        return new Lineup(List.copyOf(senders), List.copyOf(receivers), List.copyOf(stalled));
    }

    /** Senders, then receivers, then stalled clients. */
    List<Client> everyone() {
        List<Client> everyone = new ArrayList<>(senders);
        everyone.addAll(receivers);
        everyone.addAll(stalled);
        return everyone;
    }
}
