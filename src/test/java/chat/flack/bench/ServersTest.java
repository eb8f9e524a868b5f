package chat.flack.bench;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The server's figures over its nodes: summed when every node can be read, per node always. */
class ServersTest {

    private static final long SELF = ProcessHandle.current().pid();
    /** No such process: /proc has no entry for it. */
    private static final long NONE = Long.MAX_VALUE;

    @Test
    void noPidsMeanNoServerFigures() {
        assertThat(Servers.of(List.of())).isNull();
    }

    @Test
    void everyNodeIsReadAndTheLowestOpenFileLimitBinds() {
        Servers two = Servers.of(List.of(SELF, SELF));

        assertThat(two.rssKbPerNode()).hasSize(2).allMatch(kb -> kb > 0);
        assertThat(two.cpuMillisPerNode()).hasSize(2).allMatch(ms -> ms >= 0);
        assertThat(two.rssKb()).isPositive();
        assertThat(two.openFileLimit()).isEqualTo(ServerProcess.self().openFileLimit());
    }

    @Test
    void aNodeThatCannotBeReadLeavesTheSumOutButNotTheOthers() {
        Servers servers = Servers.of(List.of(SELF, NONE));

        assertThat(servers.rssKbPerNode()).hasSize(2).first().isNotNull();
        assertThat(servers.rssKbPerNode().get(1)).isNull();
        assertThat(servers.rssKb()).isNull();
        assertThat(servers.openFileLimit()).isNull();
    }

    @Test
    void memoryIsGivenPerNodeOnlyForSeveralNodes() {
        Result.Memory one = Result.Memory.of(Servers.of(List.of(SELF)), List.of(100L)).sharedBy(10);
        Result.Memory two = Result.Memory.of(Servers.of(List.of(SELF, SELF)), List.of(100L, 200L));

        assertThat(one.perNode()).isNull();
        assertThat(one.before()).isEqualTo(100L);
        assertThat(one.perConnection()).isEqualTo(Result.round1((one.after() - 100) / 10.0));
        assertThat(two.before()).isEqualTo(300L);
        assertThat(two.perNode()).extracting(Result.NodeMemory::before).containsExactly(100L, 200L);
        assertThat(two.perConnection()).isNull();
    }
}
