package chat.flack.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** What Linux's {@code /proc} tells about a process: its resident memory and its open-file limit. */
record ServerProcess(Path proc) {

    static ServerProcess of(Long pid) {
        return pid == null ? null : new ServerProcess(Path.of("/proc", pid.toString()));
    }

    static ServerProcess self() {
        return new ServerProcess(Path.of("/proc/self"));
    }

    /** {@code VmRSS} in KiB, or null when the process cannot be read. */
    Long rssKb() {
        for (String line : lines("status")) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.substring(6).replace("kB", "").trim());
            }
        }
        return null;
    }

    /**
     * CPU time used so far (user + system) in milliseconds, or null when the process cannot be
     * read; {@code /proc} counts in clock ticks, 100 a second on Linux.
     */
    Long cpuMillis() {
        List<String> stat = lines("stat");
        if (stat.isEmpty()) {
            return null;
        }
        // The command name in parentheses may hold spaces; the fields after it are fixed.
        String[] f = stat.get(0).substring(stat.get(0).lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10;
    }

    /** The soft limit on open files, or null when it cannot be read ({@code unlimited} is Long.MAX_VALUE). */
    Long openFileLimit() {
        for (String line : lines("limits")) {
            if (line.startsWith("Max open files")) {
                String soft = line.substring("Max open files".length()).trim().split("\\s+")[0];
                return soft.equals("unlimited") ? Long.MAX_VALUE : Long.parseLong(soft);
            }
        }
        return null;
    }

    private List<String> lines(String file) {
        try {
            return Files.readAllLines(proc.resolve(file));
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }
}
