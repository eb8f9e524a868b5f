package chat.flack.bench;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How a fan-out run's clients are spread over the channels and nodes: round robin within each kind,
 * each channel's members over the nodes, each channel's creator on the first node.
 */
class LineupTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static Lineup lineup(int nodes, String... args) {
        List<URI> urls = IntStream.range(0, nodes)
                .mapToObj(i -> URI.create("http://127.0.0.1:" + (8101 + i) + "/")).toList();
        Target target = new FlackTarget(HTTP, urls, false);
        Options options = Options.parse(args);
        Roster roster = new Roster(1);
        return Lineup.of(options, target, roster, roster.channels(options.channels(), options.senders()));
    }

    private static List<Integer> nodes(List<Client> clients) {
        return clients.stream().map(c -> c.node).toList();
    }

    private static List<Integer> channels(List<Client> clients) {
        return clients.stream().map(c -> c.channel.index).toList();
    }

    @Test
    void eachKindIsSpreadRoundRobinFromTheFirstNode() {
        Lineup l = lineup(3, "--clients", "7", "--senders", "4", "--stall", "2");

        assertThat(nodes(l.receivers())).containsExactly(0, 1, 2, 0, 1, 2, 0);
        assertThat(nodes(l.senders())).containsExactly(0, 1, 2, 0);
        assertThat(nodes(l.stalled())).containsExactly(0, 1);
    }

    @Test
    void onlyTheFirstSenderCreatesTheChannelOnTheFirstNode() {
        Lineup l = lineup(2, "--clients", "3", "--senders", "3");

        assertThat(l.senders()).filteredOn(c -> c.createsChannel).containsExactly(l.senders().get(0));
        assertThat(l.senders().get(0).node).isZero();
        assertThat(l.everyone()).hasSize(6).filteredOn(c -> c.createsChannel).hasSize(1);
    }

    @Test
    void oneNodeTakesEveryone() {
        Lineup l = lineup(1, "--clients", "5", "--senders", "2", "--stall", "1");

        assertThat(l.everyone()).extracting(c -> c.node).containsOnly(0);
    }

    @Test
    void receiversCountTheirDeliveriesAndTheOthersDoNot() {
        Lineup l = lineup(2, "--clients", "2", "--senders", "1", "--stall", "1");

        assertThat(l.receivers()).allMatch(c -> c.deliveries != null && c.role == Client.Role.RECEIVER);
        assertThat(l.senders()).allMatch(c -> c.deliveries == null && c.role == Client.Role.SENDER);
        assertThat(l.stalled()).allMatch(c -> c.deliveries == null && c.role == Client.Role.STALLED);
    }

    @Test
    void eachKindIsSpreadOverTheChannelsRoundRobin() {
        Lineup l = lineup(1, "--clients", "7", "--senders", "4", "--stall", "2", "--channels", "3");

        assertThat(channels(l.receivers())).containsExactly(0, 1, 2, 0, 1, 2, 0);
        assertThat(channels(l.senders())).containsExactly(0, 1, 2, 0);
        assertThat(channels(l.stalled())).containsExactly(0, 1);
    }

    @Test
    void eachChannelsMembersAreSpreadOverTheNodes() {
        Lineup l = lineup(2, "--clients", "8", "--senders", "4", "--channels", "2");

        assertThat(l.receivers()).filteredOn(c -> c.channel.index == 0).extracting(c -> c.node)
                .containsExactly(0, 1, 0, 1);
        assertThat(l.receivers()).filteredOn(c -> c.channel.index == 1).extracting(c -> c.node)
                .containsExactly(0, 1, 0, 1);
        assertThat(l.senders()).filteredOn(c -> c.channel.index == 1).extracting(c -> c.node).containsExactly(0, 1);
    }

    @Test
    void theFirstSenderOfEachChannelCreatesItOnTheFirstNode() {
        Lineup l = lineup(2, "--clients", "6", "--senders", "5", "--channels", "3");

        assertThat(l.creators()).containsExactlyElementsOf(l.senders().subList(0, 3));
        assertThat(channels(l.creators())).containsExactly(0, 1, 2);
        assertThat(nodes(l.creators())).containsOnly(0);
    }

    @Test
    void theChannelsAreNamedForTheRunAndNumbered() {
        Lineup l = lineup(1, "--clients", "3", "--senders", "3", "--channels", "3");

        List<String> names = l.creators().stream().map(c -> c.channel.name).toList();
        assertThat(names).doesNotHaveDuplicates().allMatch(n -> n.matches("bench-[0-9a-z]{6}-[0-2]"));
        assertThat(names.get(0)).endsWith("-0");
    }
}
