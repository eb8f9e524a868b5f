package chat.flack.bench;

import java.util.ArrayList;
import java.util.List;

/** Measures the CPU time the tool and the server's nodes use between its creation and {@link #end()}. */
final class CpuWindow {

    private final ServerProcess tool = ServerProcess.self();
    private final Servers servers;
    private final long start = System.nanoTime();
    private final Long toolStart;
    private final List<Long> serverStart;

    CpuWindow(Servers servers) {
        this.servers = servers;
        this.toolStart = tool.cpuMillis();
        this.serverStart = servers == null ? null : servers.cpuMillisPerNode();
    }

    /** The window's CPU seconds; the server's summed over its nodes, and per node when there are several. */
    Result.Cpu end() {
        double seconds = (System.nanoTime() - start) / 1e9;
        Double toolUsed = seconds(used(toolStart, tool.cpuMillis()));
        if (servers == null) {
            return new Result.Cpu(Math.round(seconds * 100) / 100.0, toolUsed, null, null);
        }
        List<Long> serverEnd = servers.cpuMillisPerNode();
        List<Long> perNode = new ArrayList<>();
        for (int i = 0; i < serverEnd.size(); i++) {
            perNode.add(used(serverStart.get(i), serverEnd.get(i)));
        }
        return new Result.Cpu(Math.round(seconds * 100) / 100.0, toolUsed, seconds(Servers.sum(perNode)),
                perNode.size() < 2 ? null : perNode.stream().map(CpuWindow::seconds).toList());
    }

    private static Long used(Long before, Long now) {
        return before == null || now == null ? null : now - before;
    }

    private static Double seconds(Long millis) {
        return millis == null ? null : millis / 1000.0;
    }
}
