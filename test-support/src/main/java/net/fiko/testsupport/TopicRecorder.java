package net.fiko.testsupport;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import net.fiko.events.ContractSchemas;
import net.fiko.events.EventJson;
import net.fiko.events.Topic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;

/**
 * Reads a topic of the contract from its current end, as a test observer: what a test does afterwards shows up
 * in {@link #events()}. It is also the contract test of every integration test that uses it: each record is
 * validated against the JSON Schema of its event type and decoded with the contract's own codec, and one that does
 * not conform fails the test.
 */
public final class TopicRecorder<V> implements AutoCloseable {

    private final Topic<V> topic;
    private final KafkaConsumer<String, byte[]> consumer;
    private final List<ConsumerRecord<String, V>> records = new ArrayList<>();

    public TopicRecorder(Topic<V> topic) {
        this.topic = topic;
        this.consumer = TestConsumers.fromEnd(topic.name(), "read_committed");
    }

    /** Everything recorded so far, after reading what has arrived. */
    public synchronized List<V> events() {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
            List<String> violations =
                    ContractSchemas.violations(EventJson.mapper().readTree(record.value()));
            if (!violations.isEmpty()) {
                throw new AssertionError("An event on " + topic.name() + " breaks its schema: " + violations + "\n"
                        + new String(record.value(), java.nio.charset.StandardCharsets.UTF_8));
            }
            V value = EventJson.fromBytes(record.value(), topic.valueType());
            records.add(new ConsumerRecord<>(record.topic(), record.partition(), record.offset(), record.key(), value));
        }
        return records.stream().map(ConsumerRecord::value).toList();
    }

    /** Recorded records with their keys. */
    public synchronized List<ConsumerRecord<String, V>> records() {
        events();
        return List.copyOf(records);
    }

    /** Waits until {@code count} recorded events match, and returns them. */
    public <T extends V> List<T> awaitEvents(Class<T> type, Predicate<T> filter, int count) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> matching(type, filter), list -> list.size() >= count);
    }

    public <T extends V> List<T> matching(Class<T> type, Predicate<T> filter) {
        return events().stream()
                .filter(type::isInstance)
                .map(type::cast)
                .filter(filter)
                .toList();
    }

    @Override
    public synchronized void close() {
        consumer.close(Duration.ofSeconds(2));
    }
}
