package net.fiko.testsupport;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.awaitility.Awaitility;

/** Consumers for tests that observe a topic: every partition, from its current end, committing nothing. */
final class TestConsumers {

    private TestConsumers() {}

    /** A consumer of all of {@code topic}, positioned at its end (once the topic exists). */
    static KafkaConsumer<String, byte[]> fromEnd(String topic, String isolationLevel) {
        var consumer = new KafkaConsumer<>(
                Map.of(
                        "bootstrap.servers",
                        TestServers.kafka().bootstrapServers(),
                        "group.id",
                        "test-observer-" + UUID.randomUUID(),
                        "enable.auto.commit",
                        "false",
                        "isolation.level",
                        isolationLevel),
                new StringDeserializer(),
                new ByteArrayDeserializer());
        List<TopicPartition> partitions = Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .until(
                        () -> consumer.partitionsFor(topic).stream()
                                .map(p -> new TopicPartition(p.topic(), p.partition()))
                                .toList(),
                        list -> !list.isEmpty());
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
        return consumer;
    }
}
