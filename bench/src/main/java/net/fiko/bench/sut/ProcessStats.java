package net.fiko.bench.sut;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A process's resident memory and CPU time, from {@code /proc} (Linux). */
public final class ProcessStats {

    private static final long CLOCK_TICKS_PER_SECOND = 100;

    private ProcessStats() {}

    /** Resident set size in bytes; -1 where {@code /proc} is not available. */
    public static long rssBytes(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D+", "")) * 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }

    /** User plus system CPU time in microseconds; -1 where {@code /proc} is not available. */
    public static long cpuMicros(long pid) {
        try {
            return times(Files.readString(Path.of("/proc", Long.toString(pid), "stat")))[0];
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /**
     * From a {@code /proc/.../stat} line (a process's or a thread's): its user plus system time, and the same of the
     * children it reaped, in µs.
     */
    static long[] times(String stat) {
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        long micros = 1_000_000 / CLOCK_TICKS_PER_SECOND;
        return new long[] {
            (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * micros,
            (Long.parseLong(fields[13]) + Long.parseLong(fields[14])) * micros
        };
    }
}
