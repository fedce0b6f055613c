package net.fiko.bench.sut;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Where the system under test spent its CPU over a span: each of its JVM's threads (grouped by name, as Linux keeps
 * it: the first 15 characters, digits folded, so a pool's threads add up), and PostgreSQL's processes beside the JVM.
 * Read from {@code /proc}, so time in the kernel (socket writes, futexes) counts too, which a JVM's own sampler misses.
 *
 * @param jvmMicros the JVM's user and system time
 * @param postgresMicros PostgreSQL's (its server and every backend, those that exited included); -1 if not measured
 * @param threadMicros the JVM's time by thread group; threads that ended within the span are under "(ended)"
 */
public record CpuUse(long jvmMicros, long postgresMicros, Map<String, Long> threadMicros) {

    /** JVM and PostgreSQL together, µs. */
    public long totalMicros() {
        return jvmMicros + Math.max(0, postgresMicros);
    }

    /** The JIT compilers' share of the JVM's time, 0 to 1; -1 if not measured. */
    public double jitShare() {
        if (jvmMicros <= 0) {
            return -1;
        }
        long compilers = threadMicros.entrySet().stream()
                .filter(thread -> thread.getKey().contains("CompilerThre"))
                .mapToLong(Map.Entry::getValue)
                .sum();
        return compilers / (double) jvmMicros;
    }

    /** A reading to subtract from a later one. */
    public record Snapshot(long jvm, long postgres, Map<Long, Thread> threads) {

        /** What was spent from this reading to {@code later}. */
        public CpuUse until(Snapshot later) {
            Map<String, Long> groups = new HashMap<>();
            long counted = 0;
            for (var entry : later.threads.entrySet()) {
                Thread before = threads.get(entry.getKey());
                long spent = entry.getValue().micros() - (before == null ? 0 : before.micros());
                groups.merge(entry.getValue().group(), spent, Long::sum);
                counted += spent;
            }
            long ended = later.jvm - jvm - counted;
            if (ended > 0) {
                groups.merge("(ended)", ended, Long::sum);
            }
            Map<String, Long> sorted = new LinkedHashMap<>();
            groups.entrySet().stream()
                    .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                    .forEach(group -> sorted.put(group.getKey(), group.getValue()));
            return new CpuUse(
                    jvm < 0 || later.jvm < 0 ? -1 : later.jvm - jvm,
                    postgres < 0 || later.postgres < 0 ? -1 : later.postgres - postgres,
                    sorted);
        }
    }

    /** One thread's name group and time. */
    record Thread(String group, long micros) {}

    /** Reads the JVM {@code pid} and, when {@code postgresPid} is positive, PostgreSQL's server and its backends. */
    public static Snapshot snapshot(long pid, long postgresPid) {
        Map<Long, Thread> threads = new HashMap<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            tasks.forEach(task -> {
                try {
                    String name = Files.readString(task.resolve("comm")).strip();
                    long[] times = ProcessStats.times(Files.readString(task.resolve("stat")));
                    threads.put(Long.parseLong(task.getFileName().toString()), new Thread(group(name), times[0]));
                } catch (IOException | RuntimeException gone) {
                    // The thread ended while it was read.
                }
            });
        } catch (IOException e) {
            return new Snapshot(-1, -1, Map.of());
        }
        return new Snapshot(ProcessStats.cpuMicros(pid), postgresPid > 0 ? treeMicros(postgresPid) : -1, threads);
    }

    /** A thread's name with its numbers folded ({@code qtp1234-56} → {@code qtp#-#}). */
    static String group(String name) {
        return name.replaceAll("\\d+", "#");
    }

    /**
     * A process's time, its ended children's that it waited for (PostgreSQL's server reaps its backends), and its
     * live descendants'.
     */
    private static long treeMicros(long pid) {
        try {
            long[] own = ProcessStats.times(Files.readString(Path.of("/proc", Long.toString(pid), "stat")));
            long total = own[0] + own[1];
            for (ProcessHandle child : ProcessHandle.of(pid)
                    .map(handle -> handle.descendants().toList())
                    .orElse(java.util.List.of())) {
                // -1 when it ended while it was read: its parent counts it once reaped.
                total += Math.max(0, ProcessStats.cpuMicros(child.pid()));
            }
            return total;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
