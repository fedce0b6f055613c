package net.fiko.local.console;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import net.fiko.events.ConversationIds;
import net.fiko.events.Customer;
import net.fiko.events.EventJson;
import net.fiko.events.Platform;
import net.fiko.events.Topics;
import net.fiko.events.inbound.CustomerMessageReceived;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * A web customer of the demo tenant, for trying the inbox without any platform: {@code POST /customer-messages}
 * ({@link CustomerMessagesController}) publishes a customer's message to {@code fiko.inbound.messages} exactly as a
 * connector would. Agents' replies to a web customer go nowhere.
 */
public final class DemoCustomer implements AutoCloseable {

    public static final String TENANT = "demo";
    public static final String CUSTOMER = "demo-customer";

    private final KafkaProducer<String, byte[]> producer;

    DemoCustomer(String kafkaBootstrapServers) {
        this.producer = new KafkaProducer<>(
                Map.<String, Object>of("bootstrap.servers", kafkaBootstrapServers, "acks", "all"),
                new StringSerializer(),
                new ByteArraySerializer());
    }

    public static String conversationId(String customerId) {
        return ConversationIds.forCustomer(TENANT, Platform.WEB, null, customerId);
    }

    /** Opens the demo conversation on first start; the same platform id every time, so it is stored once. */
    public void seed() {
        send(CUSTOMER, "Dana", "Demo", "demo-welcome-1", "Hi! I ordered a blue jacket last week. Where is it?");
    }

    String send(String customerId, String firstName, String lastName, String messageId, String text) {
        String conversationId = conversationId(customerId);
        var event = new CustomerMessageReceived(
                UUID.randomUUID().toString(),
                Instant.now(),
                TENANT,
                conversationId,
                "demo-web",
                Platform.WEB,
                customerId,
                messageId,
                new Customer(null, Platform.WEB, customerId, firstName, lastName, null),
                text,
                List.of(),
                Instant.now());
        try {
            producer.send(new ProducerRecord<>(
                            Topics.INBOUND_MESSAGES.name(), conversationId, EventJson.toBytes(event)))
                    .get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while publishing", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("Kafka did not take the message", e.getCause());
        }
        return conversationId;
    }

    @Override
    public void close() {
        producer.close();
    }
}
