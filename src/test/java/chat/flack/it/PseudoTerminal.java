package chat.flack.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A command run as in a terminal: under a pseudo-terminal of util-linux's {@code script}, so that
 * Ctrl-C typed into it is a SIGINT to the command's whole process group, as a shell's foreground
 * job gets it. What the terminal shows is kept, and copied to a file for whoever reads a failure.
 */
final class PseudoTerminal implements AutoCloseable {

    private final Process script;
    private final OutputStream keyboard;
    private final ByteArrayOutputStream screen = new ByteArrayOutputStream();
    private final Thread reader;

    private PseudoTerminal(Process script, Path log) {
        this.script = script;
        this.keyboard = script.getOutputStream();
        this.reader = new Thread(() -> copy(script.getInputStream(), log), "pty-reader");
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * Starts {@code command} in {@code dir} with {@code env} added to this process's environment,
     * and keeps what it shows in {@code log}.
     */
    static PseudoTerminal start(List<String> command, Path dir, Map<String, String> env, Path log) throws IOException {
        if (!Files.isExecutable(Path.of("/usr/bin/script"))) {
            Missing.skipOrFail("util-linux's script (/usr/bin/script), to run a command under a pseudo-terminal");
        }
        Files.createDirectories(log.getParent());
        Files.deleteIfExists(log);
        // A shell's foreground job has SIGINT at its default; a test run started in the background
        // (a CI script's `cmd &`) passes SIGINT on ignored, and a JVM started so ignores Ctrl-C.
        // coreutils' env puts it back to the default before it runs the command, as a terminal would.
        String line = Stream.concat(Stream.of("env", "--default-signal=INT"), command.stream())
                .map(PseudoTerminal::quoted).collect(Collectors.joining(" "));
        // -q: no start and end lines of its own; -f: flush at once; -e: exit with the command's status.
        ProcessBuilder pb = new ProcessBuilder("script", "-qfec", line, "/dev/null")
                .directory(dir.toFile())
                .redirectErrorStream(true);
        pb.environment().putAll(env);
        return new PseudoTerminal(pb.start(), log);
    }

    /** What the terminal showed so far, with the terminal's line ends as {@code \n}. */
    String screen() {
        synchronized (screen) {
            return screen.toString(StandardCharsets.UTF_8).replace("\r\n", "\n");
        }
    }

    /** Types Ctrl-C: the terminal sends SIGINT to the command and everything it started. */
    void ctrlC() throws IOException {
        keyboard.write(3);
        keyboard.flush();
    }

    boolean isRunning() {
        return script.isAlive();
    }

    /** The command's exit status once it has ended within {@code bound}, else null. */
    Integer awaitExit(Duration bound) throws InterruptedException {
        if (!script.waitFor(bound.toMillis(), TimeUnit.MILLISECONDS)) {
            return null;
        }
        reader.join(TimeUnit.SECONDS.toMillis(10));
        return script.exitValue();
    }

    /** Kills whatever of the command is still running. */
    @Override
    public void close() {
        script.descendants().forEach(ProcessHandle::destroyForcibly);
        script.destroyForcibly();
    }

    private void copy(InputStream from, Path log) {
        byte[] buffer = new byte[8192];
        try (from; OutputStream file = Files.newOutputStream(log, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
            for (int n; (n = from.read(buffer)) >= 0; ) {
                file.write(buffer, 0, n);
                synchronized (screen) {
                    screen.write(buffer, 0, n);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One word for the shell that {@code script} runs the command line with. */
    private static String quoted(String word) {
        return "'" + word.replace("'", "'\\''") + "'";
    }
}
