package net.fiko.local;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
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
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * A customer of the demo tenant, for trying the inbox without a Telegram bot: {@code POST /customer-messages}
 * publishes a customer's message to {@code fiko.inbound.messages} exactly as a connector would.
 */
final class DemoCustomer implements AutoCloseable {

    static final String TENANT = "demo";
    static final String CUSTOMER = "demo-customer";

    private final KafkaProducer<String, byte[]> producer;
    private final HttpServer server;

    private DemoCustomer(KafkaProducer<String, byte[]> producer, HttpServer server) {
        this.producer = producer;
        this.server = server;
    }

    static DemoCustomer start(String kafkaBootstrapServers, int port) throws IOException {
        var producer = new KafkaProducer<>(
                Map.<String, Object>of("bootstrap.servers", kafkaBootstrapServers, "acks", "all"),
                new StringSerializer(),
                new ByteArraySerializer());
        HttpServer server = HttpServer.create(new InetSocketAddress("localhost", port), 0);
        var demo = new DemoCustomer(producer, server);
        server.createContext("/customer-messages", demo::handle);
        server.start();
        return demo;
    }

    static String conversationId(String customerId) {
        return ConversationIds.forCustomer(TENANT, Platform.WEB, null, customerId);
    }

    /** Opens the demo conversation on first start; the same platform id every time, so it is stored once. */
    void seed() {
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

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"POST".equals(exchange.getRequestMethod())) {
                reply(exchange, 405, "{\"error\":\"Use POST\"}");
                return;
            }
            JsonNode body;
            try {
                body = EventJson.mapper().readTree(exchange.getRequestBody().readAllBytes());
            } catch (JacksonException e) {
                reply(exchange, 400, "{\"error\":\"The body must be JSON\"}");
                return;
            }
            String text = body.path("text").asString("").strip();
            if (text.isEmpty()) {
                reply(exchange, 400, "{\"error\":\"text is required\"}");
                return;
            }
            String customer = body.path("customer_id").asString(CUSTOMER);
            String conversationId = send(
                    customer,
                    body.path("first_name").asString("Dana"),
                    body.path("last_name").asString("Demo"),
                    UUID.randomUUID().toString(),
                    text);
            reply(exchange, 202, "{\"conversation_id\":\"" + conversationId + "\"}");
        } catch (RuntimeException e) {
            reply(exchange, 503, "{\"error\":\"Kafka did not take the message\"}");
        }
    }

    private static void reply(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
        producer.close();
    }
}
