package chat.flack.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * The clients of a fan-out run, spread over its K channels and the target's N nodes round robin:
 * the i-th client of a kind (sender, receiver, stalled) is in channel i mod K and on node
 * ⌊i / K⌋ mod N, so each channel's members are spread over the nodes as evenly as the run's (with
 * one channel, client i on node i mod N). The first sender of each channel, on the first node,
 * creates it.
 */
record Lineup(List<Client> senders, List<Client> receivers, List<Client> stalled) {

    static Lineup of(Options options, Target target, Roster roster, List<Channel> channels) {
        List<Client> senders = new ArrayList<>();
        List<Client> receivers = new ArrayList<>();
        List<Client> stalled = new ArrayList<>();
        int k = channels.size();
        for (int i = 0; i < options.senders(); i++) {
            senders.add(new Client(target, Client.Role.SENDER, roster.name("s", i), target.nodeOf(i / k),
                    channels.get(i % k), i < k));
        }
        for (int i = 0; i < options.clients(); i++) {
            Client c = new Client(target, Client.Role.RECEIVER, roster.name("r", i), target.nodeOf(i / k),
                    channels.get(i % k), false);
            c.deliveries = c.channel.deliveries;
            receivers.add(c);
        }
        for (int i = 0; i < options.stall(); i++) {
            stalled.add(new Client(target, Client.Role.STALLED, roster.name("k", i), target.nodeOf(i / k),
                    channels.get(i % k), false));
        }
        return new Lineup(List.copyOf(senders), List.copyOf(receivers), List.copyOf(stalled));
    }

    /** The senders that create the channels, one per channel, in channel order. */
    List<Client> creators() {
        return senders.stream().filter(c -> c.createsChannel).toList();
    }

    /** Senders, then receivers, then stalled clients. */
    List<Client> everyone() {
        List<Client> everyone = new ArrayList<>(senders);
        everyone.addAll(receivers);
        everyone.addAll(stalled);
        return everyone;
    }
}
