package net.fiko.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import net.fiko.events.ConversationIds;
import net.fiko.events.Customer;
import net.fiko.events.EventJson;
import net.fiko.events.Platform;
import net.fiko.events.Topics;
import net.fiko.events.inbound.CustomerMessageReceived;
import net.fiko.gateway.GatewayApplication;
import net.fiko.message.MessageServiceApplication;
import net.fiko.testsupport.DevTokens;
import net.fiko.testsupport.FikoTestProperties;
import net.fiko.testsupport.KafkaServer;
import net.fiko.testsupport.PostgresServer;
import net.fiko.testsupport.ServerKind;
import net.fiko.testsupport.TestServers;
import net.fiko.testsupport.TestSocket;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * The real path, end to end: an agent's {@code chat_message} on one gateway goes through Kafka to message-service,
 * is stored in PostgreSQL, comes back through Kafka and reaches every socket of the chat, on two gateway instances.
 * One subclass per kind of server.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class WalkingSkeletonTestBase {

    private final List<ConfigurableApplicationContext> services = new ArrayList<>();
    private PostgresServer postgres;
    private String databaseUrl;
    private int gatewayA;
    private int gatewayB;

    /** Where this run's Kafka and PostgreSQL come from. */
    abstract ServerKind servers();

    private KafkaServer kafka() {
        return TestServers.kafka(servers());
    }

    @BeforeAll
    void startTheSystem() {
        postgres = TestServers.postgres(servers());
        databaseUrl = postgres.newDatabase("skeleton");
        Map<String, Object> common = FikoServices.common(kafka().bootstrapServers(), FikoTestProperties.JWT_SECRET, 3);
        common.put("server.port", 0);
        String streams = "skeleton-" + UUID.randomUUID();
        common.put("spring.kafka.streams.application-id", streams);
        common.put("spring.kafka.consumer.group-id", streams);
        common.put("spring.kafka.streams.state-dir", System.getProperty("java.io.tmpdir") + "/" + streams);
        Map<String, Object> messageService = FikoServices.with(common, "spring.datasource.url", databaseUrl);
        messageService.put("spring.datasource.username", postgres.username());
        messageService.put("spring.datasource.password", postgres.password());
        services.add(FikoServices.start(MessageServiceApplication.application(), messageService));
        ConfigurableApplicationContext first = gateway(common, "gw-a");
        services.add(first);
        ConfigurableApplicationContext second = gateway(common, "gw-b");
        services.add(second);
        gatewayA = port(first);
        gatewayB = port(second);
        for (int port : List.of(gatewayA, gatewayB)) {
            await().atMost(Duration.ofSeconds(30)).until(() -> readiness(port).contains("\"UP\""));
        }
    }

    @AfterAll
    void stopTheSystem() {
        services.forEach(ConfigurableApplicationContext::close);
    }

    @Test
    void agentsMessageShouldReachEverySocketOfTheChatOnBothGatewaysAndBeStored() throws Exception {
        String tenant = "tenant-" + UUID.randomUUID();
        String customer = Long.toString(System.nanoTime());
        String conversation = ConversationIds.forCustomer(tenant, Platform.TELEGRAM, customer);
        customerWrites(tenant, customer, conversation, "Where is my order?");
        await().atMost(Duration.ofSeconds(30))
                .until(() -> storedMessages(conversation).size() == 1);

        try (TestSocket sara = chat(gatewayA, tenant, "1", "Sara", conversation);
                TestSocket omid = chat(gatewayB, tenant, "2", "Omid", conversation)) {
            sara.send("{\"type\":\"chat_message\",\"content\":\"It ships today.\"}");

            JsonNode onA = sara.next("chat_message").path("message");
            JsonNode onB = omid.next("chat_message").path("message");
            assertThat(onA.path("content").asString()).isEqualTo("It ships today.");
            assertThat(onA.path("type").asString()).isEqualTo("support");
            assertThat(onA.path("customer").path("first_name").asString()).isEqualTo("John");
            assertThat(onB.path("id").asString()).isEqualTo(onA.path("id").asString());
            assertThat(storedMessages(conversation))
                    .containsExactly("1 customer Where is my order?", "2 support It ships today.");
        }
    }

    private ConfigurableApplicationContext gateway(Map<String, Object> common, String instanceId) {
        return FikoServices.start(
                GatewayApplication.application(), FikoServices.with(common, "fiko.gateway.instance-id", instanceId));
    }

    private static int port(ConfigurableApplicationContext context) {
        return Integer.parseInt(context.getEnvironment().getRequiredProperty("local.server.port"));
    }

    private TestSocket chat(int port, String tenant, String userId, String name, String conversation) {
        String token = DevTokens.access(FikoTestProperties.JWT_SECRET, userId, tenant, name, Duration.ofMinutes(5));
        return TestSocket.connect("ws://localhost:" + port + "/ws/chat/" + conversation + "/?token=" + token);
    }

    private void customerWrites(String tenant, String customer, String conversation, String text) throws Exception {
        var event = new CustomerMessageReceived(
                UUID.randomUUID().toString(),
                Instant.now(),
                tenant,
                conversation,
                "tg-1",
                Platform.TELEGRAM,
                customer,
                "1",
                new Customer(null, Platform.TELEGRAM, customer, "John", "Doe", null),
                text,
                List.of(),
                Instant.now());
        try (var producer = new KafkaProducer<>(
                Map.<String, Object>of("bootstrap.servers", kafka().bootstrapServers(), "acks", "all"),
                new StringSerializer(),
                new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(Topics.INBOUND_MESSAGES.name(), conversation, EventJson.toBytes(event)))
                    .get();
        }
    }

    private List<String> storedMessages(String conversation) throws Exception {
        try (Connection db = DriverManager.getConnection(databaseUrl, postgres.username(), postgres.password());
                PreparedStatement query = db.prepareStatement(
                        "select sequence, type, content from messages where conversation_id = ?::uuid order by sequence")) {
            query.setString(1, conversation);
            List<String> rows = new ArrayList<>();
            try (ResultSet result = query.executeQuery()) {
                while (result.next()) {
                    rows.add(result.getLong(1) + " " + result.getString(2) + " " + result.getString(3));
                }
            }
            return rows;
        }
    }

    private static String readiness(int port) throws Exception {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health/readiness"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
    }
}
