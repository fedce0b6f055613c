package net.fiko.bench.sut;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a JVM's heap holds after a full collection, by class: {@code jcmd PID GC.class_histogram}, which collects
 * before it counts, so only live objects are left. Two snapshots tell what some change (a thousand more sockets)
 * costs, and which classes it costs in.
 *
 * @param bytesByClass live bytes of each class
 * @param totalBytes live bytes in all
 */
public record LiveHeap(Map<String, Long> bytesByClass, long totalBytes) {

    private static final Pattern ROW = Pattern.compile("^\\s*\\d+:\\s+(\\d+)\\s+(\\d+)\\s+(\\S+).*$");
    private static final Pattern TOTAL = Pattern.compile("^Total\\s+(\\d+)\\s+(\\d+)\\s*$");

    /** Collects and counts the heap of process {@code pid} (which must be a JVM of this user). */
    public static LiveHeap of(long pid) throws IOException, InterruptedException {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        Process process = new ProcessBuilder(jcmd.toString(), Long.toString(pid), "GC.class_histogram")
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(2, TimeUnit.MINUTES) || process.exitValue() != 0) {
            throw new IOException("jcmd GC.class_histogram failed: " + output);
        }
        return parse(output);
    }

    static LiveHeap parse(String histogram) {
        Map<String, Long> bytes = new HashMap<>();
        long total = -1;
        for (String line : histogram.split("\n")) {
            Matcher row = ROW.matcher(line);
            if (row.matches()) {
                bytes.merge(row.group(3), Long.parseLong(row.group(2)), Long::sum);
                continue;
            }
            Matcher sum = TOTAL.matcher(line);
            if (sum.matches()) {
                total = Long.parseLong(sum.group(2));
            }
        }
        if (total < 0) {
            throw new IllegalArgumentException("No total in the class histogram");
        }
        return new LiveHeap(Map.copyOf(bytes), total);
    }

    /** The classes that grew most from {@code before} to this snapshot, with how much each grew. */
    public List<Map.Entry<String, Long>> largestGrowth(LiveHeap before, int limit) {
        return bytesByClass.entrySet().stream()
                .map(entry -> Map.entry(
                        entry.getKey(), entry.getValue() - before.bytesByClass.getOrDefault(entry.getKey(), 0L)))
                .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()))
                .limit(limit)
                .toList();
    }
}
