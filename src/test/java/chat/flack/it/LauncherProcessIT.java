package chat.flack.it;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The README's run command as a newcomer meets it in a terminal: its run goal
 * ({@code ./mvnw exec:java@run}, on what the build has just packaged) under a pseudo-terminal,
 * with the README's {@code -Dflack.port} and {@code -Dflack.data.dir}. Flack alone at the root of
 * the real Tomcat; Ctrl-C, or SIGTERM to Maven alone, stops it cleanly; a bad setting ends the run
 * with its one line.
 */
class LauncherProcessIT {

    private static final Duration START = Duration.ofSeconds(150);
    private static final Duration STOP = Duration.ofSeconds(60);

    @Test
    void ctrlCStopsFlackCleanlyAndEndsTheRunWithStatus130() throws Exception {
        String name = ServerIT.unique("launcher");
        try (PseudoTerminal run = ready(name)) {
            run.ctrlC();
            stoppedCleanly(name, run, 130);
        } finally {
            left(name).forEach(ProcessHandle::destroyForcibly);
        }
    }

    @Test
    void aSigtermToMavenAloneStopsTomcatThroughTheLauncherWithStatus143() throws Exception {
        String name = ServerIT.unique("launcher-term");
        try (PseudoTerminal run = ready(name)) {
            ProcessHandle maven = left(name).stream()
                    .filter(p -> p.info().commandLine().orElse("").contains("org.codehaus.plexus.classworlds.launcher.Launcher"))
                    .findFirst().orElseThrow();
            maven.destroy();
            stoppedCleanly(name, run, 143);
        } finally {
            left(name).forEach(ProcessHandle::destroyForcibly);
        }
    }

    @Test
    void aBadSettingInTheEnvironmentEndsTheRunWithItsOneLineAndStatus1() throws Exception {
        endsWith(Map.of("FLACK_MAX_IMAGE_BYTES", "-1"), List.of(),
                "Flack cannot start: FLACK_MAX_IMAGE_BYTES must be a whole number from 1 to " + Integer.MAX_VALUE + ", got '-1'");
    }

    @Test
    void aBadSettingOnMavensCommandLineEndsTheRunToo() throws Exception {
        endsWith(Map.of(), List.of("-DFLACK_MAX_MESSAGE_LENGTH=0"),
                "Flack cannot start: FLACK_MAX_MESSAGE_LENGTH must be a whole number from 1 to 100000, got '0'");
    }

    private static void endsWith(Map<String, String> env, List<String> properties, String line) throws Exception {
        String name = ServerIT.unique("launcher-bad");
        try (PseudoTerminal run = run(name, TomcatProcess.freePort(), properties, env)) {
            assertThat(run.awaitExit(START)).as("exit status of a run that ends by itself").isEqualTo(1);
            String screen = run.screen();
            assertThat(screen.split("Flack cannot start", -1)).as("said once").hasSize(2);
            assertThat(screen).contains(line);
            List<String> after = screen.substring(screen.indexOf(line)).lines().skip(1).toList();
            assertThat(after).as("no stack trace after the line").noneMatch(l -> BadSettingsIT.STACK_TRACE.matcher(l).find());
            assertThat(after).as("the launcher's last word")
                    .contains("Flack did not start (Tomcat's lines above say why); Tomcat is stopped.");
            assertThat(screen).doesNotContain("Flack is at");
            assertThat(left(name)).as("processes of the run still running").isEmpty();
        } finally {
            left(name).forEach(ProcessHandle::destroyForcibly);
        }
    }

    /** A run whose Flack is ready: the root application, alone, keeping its chat in -Dflack.data.dir. */
    private static PseudoTerminal ready(String name) throws Exception {
        int port = TomcatProcess.freePort();
        PseudoTerminal run = run(name, port, List.of(), Map.of());
        await().atMost(START).pollInterval(Duration.ofMillis(250))
                .failFast("the run ended before Flack was ready", () -> !run.isRunning())
                .until(() -> run.screen().contains("Flack is at http://localhost:" + port + "/ (Ctrl-C stops it)"));
        Client c = new Client(URI.create("http://127.0.0.1:" + port + "/").toURL());
        assertThat(c.get("/health").body()).contains("\"UP\"");
        assertThat(TomcatProcess.dataDir(name).resolve("flack.mv.db")).as("the chat is kept in -Dflack.data.dir").exists();
        assertThat(c.get("/").statusCode()).as("Flack is the root application").isEqualTo(200);
        for (String other : List.of("/manager/html", "/host-manager/html", "/cargocpc/index.html")) {
            assertThat(c.get(other).statusCode()).as(other + ": nothing else is deployed").isEqualTo(404);
        }
        return run;
    }

    private static void stoppedCleanly(String name, PseudoTerminal run, int status) throws Exception {
        assertThat(run.awaitExit(STOP)).as("exit status within " + STOP.toSeconds() + " s").isEqualTo(status);
        String screen = run.screen();
        assertThat(screen).contains("Flack stopped: every accepted message is stored");
        assertThat(screen).doesNotContain("SEVERE", "Exception", "Could not contact", "emptySessionPath", "SLF4J");
        assertThat(screen.lines()).as("no stack trace").noneMatch(l -> BadSettingsIT.STACK_TRACE.matcher(l).find());
        assertThat(left(name)).as("processes of the run still running").isEmpty();
    }

    /** The run goal of the README's command, as typed, with a port and a data folder of its own. */
    private static PseudoTerminal run(String name, int port, List<String> properties, Map<String, String> env)
            throws Exception {
        List<String> command = new ArrayList<>(List.of("./mvnw", "-Dflack.port=" + port,
                "-Dflack.data.dir=" + TomcatProcess.dataDir(name)));
        command.addAll(properties);
        command.add("exec:java@run");
        return PseudoTerminal.start(command, Path.of("").toAbsolutePath(), env,
                Path.of(System.getProperty("flack.processes", "target/processes")).resolve(name + ".console").toAbsolutePath());
    }

    /** Processes of the run named {@code name} (Maven's, Tomcat's: their command lines name its data folder). */
    private static List<ProcessHandle> left(String name) {
        String data = TomcatProcess.dataDir(name).toString();
        return ProcessHandle.allProcesses()
                .filter(p -> p.isAlive() && p.info().commandLine().map(l -> l.contains(data)).orElse(false))
                .toList();
    }
}
