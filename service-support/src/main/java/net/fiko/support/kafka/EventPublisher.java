package net.fiko.support.kafka;

import java.util.concurrent.CompletableFuture;
import net.fiko.events.EventJson;
import net.fiko.events.FikoEvent;
import net.fiko.events.Topic;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;

/**
 * Publishes an event of the contract to its topic, in its JSON form, keyed by its conversation (see
 * {@link FikoEvent#partitionKey()}), with the service's producer ({@code acks=all}, idempotent).
 */
public class EventPublisher {

    private final KafkaTemplate<String, byte[]> kafka;

    public EventPublisher(KafkaTemplate<String, byte[]> kafka) {
        this.kafka = kafka;
    }

    /**
     * Completes when Kafka has the event; fails when it could not take it, also when the producer refused it at once
     * (a record over {@code max.request.size}, no metadata within {@code max.block.ms}): the caller always gets a
     * future, never an exception, so a refused event cannot unwind a socket's or a listener's thread.
     */
    public <V extends FikoEvent> CompletableFuture<SendResult<String, byte[]>> publish(
            Topic<? super V> topic, V event) {
        return publish(topic, event, EventJson.toBytes(event));
    }

    /** The same, for an event its caller has serialized already ({@code json} is its JSON form). */
    public <V extends FikoEvent> CompletableFuture<SendResult<String, byte[]>> publish(
            Topic<? super V> topic, V event, byte[] json) {
        try {
            return kafka.send(topic.name(), event.partitionKey(), json);
        } catch (RuntimeException refused) {
            return CompletableFuture.failedFuture(refused);
        }
    }
}
