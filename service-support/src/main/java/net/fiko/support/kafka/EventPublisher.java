package net.fiko.support.kafka;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import net.fiko.events.EventJson;
import net.fiko.events.FikoEvent;
import net.fiko.events.Topic;
import net.fiko.support.observability.Traces;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;

/**
 * Publishes an event of the contract to its topic, in its JSON form, keyed by its conversation (see
 * {@link FikoEvent#partitionKey()}), with the service's producer ({@code acks=all}, idempotent), and the W3C {@code
 * traceparent} of the span current on the caller's thread as a header, so the consumer continues the trace. (Not the
 * template's own observation: it asks the cluster for its id on a send, which blocks every send while Kafka is away.)
 */
public class EventPublisher {

    private final KafkaTemplate<String, byte[]> kafka;
    private final Traces traces;

    public EventPublisher(KafkaTemplate<String, byte[]> kafka, Traces traces) {
        this.kafka = kafka;
        this.traces = traces;
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
            var record = new ProducerRecord<>(topic.name(), event.partitionKey(), json);
            String traceParent = traces.current();
            if (traceParent != null) {
                record.headers().add(Traces.HEADER, traceParent.getBytes(StandardCharsets.US_ASCII));
            }
            return kafka.send(record);
        } catch (RuntimeException refused) {
            return CompletableFuture.failedFuture(refused);
        }
    }
}
