package chat.flack.bench;

/** Measures the CPU time the tool and the server use between its creation and {@link #end()}. */
final class CpuWindow {

    private final ServerProcess tool = ServerProcess.self();
    private final ServerProcess server;
    private final long start = System.nanoTime();
    private final Long toolStart;
    private final Long serverStart;

    CpuWindow(ServerProcess server) {
        this.server = server;
        this.toolStart = tool.cpuMillis();
        this.serverStart = server == null ? null : server.cpuMillis();
    }

    Result.Cpu end() {
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Result.Cpu(Math.round(seconds * 100) / 100.0, used(tool, toolStart), used(server, serverStart));
    }

    private static Double used(ServerProcess p, Long before) {
        Long now = p == null || before == null ? null : p.cpuMillis();
        return now == null ? null : (now - before) / 1000.0;
    }
}
