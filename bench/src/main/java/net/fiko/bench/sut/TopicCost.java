package net.fiko.bench.sut;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.awaitility.Awaitility;

/**
 * What a topic costs the broker, for the design card's "a topic per conversation": {@code count} one-partition topics
 * created on the local mode's broker, 100 a request, and what the broker's process holds more with them (open files,
 * memory maps, resident memory, files on disk), then deleted again.
 *
 * @param created the topics created
 * @param took from the first request to the last topic's creation acknowledged
 * @param openFiles the broker process's open file descriptors more, per topic
 * @param memoryMaps its memory mappings more, per topic (Linux allows 65,530 a process by default)
 * @param rssBytes its resident memory more, per topic
 * @param diskFiles files in the broker's log directory more, per topic
 */
public record TopicCost(
        int created, Duration took, double openFiles, double memoryMaps, double rssBytes, double diskFiles) {

    /** The local mode's broker is in the local mode's JVM ({@code pid}); its log directory is {@code logDirectory}. */
    public static TopicCost measure(String bootstrap, long pid, Path logDirectory, int count) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            long files = count(Path.of("/proc", Long.toString(pid), "fd"));
            long maps = lines(Path.of("/proc", Long.toString(pid), "maps"));
            long rss = ProcessStats.rssBytes(pid);
            long disk = files(logDirectory);
            List<String> names = new ArrayList<>();
            long start = System.nanoTime();
            for (int i = 0; i < count; i += 100) {
                List<NewTopic> batch = new ArrayList<>();
                for (int j = i; j < Math.min(count, i + 100); j++) {
                    String name = "bench.topic-per-conversation." + j;
                    names.add(name);
                    batch.add(new NewTopic(name, 1, (short) 1));
                }
                admin.createTopics(batch).all().get(2, TimeUnit.MINUTES);
            }
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            // The replicas open their logs as they become leaders, just after the creation is acknowledged: measured
            // once every topic's partition has its directory in the log directory.
            awaitLogs(logDirectory, count, Duration.ofMinutes(1));
            TopicCost cost = new TopicCost(
                    count,
                    took,
                    (count(Path.of("/proc", Long.toString(pid), "fd")) - files) / (double) count,
                    (lines(Path.of("/proc", Long.toString(pid), "maps")) - maps) / (double) count,
                    (ProcessStats.rssBytes(pid) - rss) / (double) count,
                    (files(logDirectory) - disk) / (double) count);
            admin.deleteTopics(names).all().get(2, TimeUnit.MINUTES);
            return cost;
        }
    }

    /** The broker says nothing when a log opens; its directory appearing is the sign, looked for every 100 ms. */
    private static void awaitLogs(Path logDirectory, int count, Duration wait) {
        Awaitility.await("the logs of " + count + " topics")
                .atMost(wait)
                .pollInterval(Duration.ofMillis(100))
                .until(() -> logs(logDirectory) >= count);
    }

    private static long logs(Path logDirectory) throws IOException {
        try (Stream<Path> entries = Files.list(logDirectory)) {
            return entries.filter(entry -> entry.getFileName().toString().startsWith("bench.topic-per-conversation."))
                    .count();
        }
    }

    private static long count(Path directory) throws IOException {
        try (Stream<Path> entries = Files.list(directory)) {
            return entries.count();
        }
    }

    private static long lines(Path file) throws IOException {
        try (Stream<String> lines = Files.lines(file)) {
            return lines.count();
        }
    }

    private static long files(Path directory) throws IOException {
        try (Stream<Path> files = Files.walk(directory)) {
            return files.filter(Files::isRegularFile).count();
        }
    }
}
