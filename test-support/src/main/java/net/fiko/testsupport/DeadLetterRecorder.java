package net.fiko.testsupport;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import net.fiko.events.Topic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.awaitility.Awaitility;

/**
 * Reads a topic's dead-letter topic from its current end, as it is: the records that a listener gave up on, unchanged,
 * with the reason in their {@code kafka_dlt-*} headers.
 */
public final class DeadLetterRecorder implements AutoCloseable {

    private final KafkaConsumer<String, byte[]> consumer;
    private final List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();

    public DeadLetterRecorder(Topic<?> topic) {
        this.consumer = TestConsumers.fromEnd(topic.deadLetterTopic(), "read_uncommitted");
    }

    /** Everything dead-lettered since this recorder started, after reading what has arrived. */
    public synchronized List<ConsumerRecord<String, byte[]>> records() {
        consumer.poll(Duration.ofMillis(100)).forEach(records::add);
        return List.copyOf(records);
    }

    /** Waits until a dead letter matches, and returns it. */
    public ConsumerRecord<String, byte[]> awaitMatching(Predicate<ConsumerRecord<String, byte[]>> wanted) {
        return Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .until(() -> records().stream().filter(wanted).findFirst(), found -> found.isPresent())
                .orElseThrow();
    }

    /** The dead letters whose value is exactly {@code value}. */
    public ConsumerRecord<String, byte[]> awaitValue(String value) {
        return awaitMatching(record -> new String(record.value(), StandardCharsets.UTF_8).equals(value));
    }

    /** A header of the record as text, or null. */
    public static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    @Override
    public synchronized void close() {
        consumer.close(Duration.ofSeconds(2));
    }
}
