package net.fiko.events;

import java.time.Duration;
import java.util.Map;

/**
 * A Kafka topic of the contract, declared once: its name, the events on it, how it is kept, who writes and who
 * reads it. Every record key is a {@code String}: the conversation id, or the tenant id for tenant-wide queries
 * (see {@link FikoEvent#partitionKey()}).
 *
 * @param retention how long records are kept; {@code null} for a compacted topic (kept by key forever)
 */
public record Topic<V>(
        String name,
        Class<V> valueType,
        int partitions,
        Duration retention,
        boolean compacted,
        String producers,
        String consumers,
        String description) {

    /** How long a dead-letter topic keeps what it holds: long enough to look into it and replay it. */
    public static final Duration DEAD_LETTER_RETENTION = Duration.ofDays(30);

    /**
     * The topic where this topic's consumers put the records they can never process, each unchanged with its headers
     * and the reason in {@code kafka_dlt-*} headers: {@code <name>.dlt}.
     */
    public String deadLetterTopic() {
        return deadLetterTopic(name);
    }

    /** The dead-letter topic of the topic of that name. */
    public static String deadLetterTopic(String topicName) {
        return topicName + ".dlt";
    }

    /** The topic-level configs to create the topic with ({@code cleanup.policy}, {@code retention.ms}). */
    public Map<String, String> configs() {
        if (compacted) {
            return Map.of("cleanup.policy", "compact", "min.compaction.lag.ms", "0");
        }
        return Map.of("cleanup.policy", "delete", "retention.ms", Long.toString(retention.toMillis()));
    }
}
