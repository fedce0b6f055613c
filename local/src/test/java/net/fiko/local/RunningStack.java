package net.fiko.local;

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
import net.fiko.dev.DevTokens;
import net.fiko.events.ConversationIds;
import net.fiko.events.Customer;
import net.fiko.events.EventJson;
import net.fiko.events.FikoEvent;
import net.fiko.events.Platform;
import net.fiko.events.Topic;
import net.fiko.events.Topics;
import net.fiko.events.inbound.CustomerMessageReceived;
import net.fiko.gateway.GatewayApplication;
import net.fiko.message.MessageServiceApplication;
import net.fiko.testsupport.FikoTestProperties;
import net.fiko.testsupport.FreePorts;
import net.fiko.testsupport.KafkaServer;
import net.fiko.testsupport.PostgresServer;
import net.fiko.testsupport.RestCalls;
import net.fiko.testsupport.ServerKind;
import net.fiko.testsupport.TestServers;
import net.fiko.testsupport.TestSocket;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The real stack for system tests: message-service and a number of gateway instances on real Kafka and PostgreSQL,
 * with what a test needs to drive them as customers (inbound events), connectors (delivery results) and agents
 * (real WebSocket clients).
 */
final class RunningStack implements AutoCloseable {

    private final List<ConfigurableApplicationContext> services = new ArrayList<>();
    private final List<ConfigurableApplicationContext> core = new ArrayList<>();
    private final int gateways;
    private String telegramApiBaseUrl;
    private String instagramGraphBaseUrl;
    private int telegramPort;
    private int instagramPort;
    private final Map<String, Object> common;
    private final List<Integer> gatewayPorts = new ArrayList<>();
    private final KafkaServer kafka;
    private final PostgresServer postgres;
    private final String databaseUrl;
    private final KafkaProducer<String, byte[]> producer;

    RunningStack(ServerKind servers, int gateways, Map<String, Object> extraSettings) {
        kafka = TestServers.kafka(servers);
        postgres = TestServers.postgres(servers);
        databaseUrl = postgres.newDatabase("stack");
        common = FikoServices.common(kafka.bootstrapServers(), FikoTestProperties.JWT_SECRET, 3);
        common.put("server.port", 0);
        // Tests that restart gateways hold sockets the drain would spread over 10 s; GatewayDrainTest sets its own.
        common.put("fiko.gateway.drain-time", "500ms");
        String id = "stack-" + UUID.randomUUID();
        common.put("spring.kafka.streams.application-id", id);
        common.put("spring.kafka.streams.state-dir", System.getProperty("java.io.tmpdir") + "/" + id);
        common.put("spring.kafka.consumer.group-id", id);
        common.put("fiko.media.directory", System.getProperty("java.io.tmpdir") + "/" + id + "-media");
        // The connectors' ports are chosen now: their public URLs (media links, the files agents send) name them.
        telegramPort = FreePorts.one();
        instagramPort = FreePorts.one();
        common.put("fiko.telegram.public-base-url", "http://localhost:" + telegramPort);
        common.put("fiko.instagram.public-base-url", "http://localhost:" + instagramPort);
        common.put("fiko.message-service.media-base-urls.telegram", "http://localhost:" + telegramPort);
        common.put("fiko.message-service.media-base-urls.instagram", "http://localhost:" + instagramPort);
        common.putAll(extraSettings);
        this.gateways = gateways;
        startCore();
        producer = new KafkaProducer<>(
                Map.<String, Object>of("bootstrap.servers", kafka.bootstrapServers(), "acks", "all"),
                new StringSerializer(),
                new ByteArraySerializer());
    }

    /** message-service and the gateways, on this stack's database and consumer groups; waits until they are ready. */
    private void startCore() {
        Map<String, Object> messageService = FikoServices.with(common, "spring.datasource.url", databaseUrl);
        messageService.put("spring.datasource.username", postgres.username());
        messageService.put("spring.datasource.password", postgres.password());
        messageService.put("fiko.message-service.snooze-check-interval", "PT1S");
        core.add(FikoServices.start(MessageServiceApplication.application(), messageService));
        gatewayPorts.clear();
        for (int i = 0; i < gateways; i++) {
            ConfigurableApplicationContext gateway = FikoServices.start(
                    GatewayApplication.application(), FikoServices.with(common, "fiko.gateway.instance-id", "gw-" + i));
            core.add(gateway);
            gatewayPorts.add(Integer.parseInt(gateway.getEnvironment().getRequiredProperty("local.server.port")));
        }
        for (int port : gatewayPorts) {
            await().atMost(Duration.ofSeconds(30)).until(() -> readiness(port).contains("\"UP\""));
        }
    }

    /**
     * Stops message-service and every gateway and starts them again on the same database, topics and consumer groups,
     * as a deployment's restart does; the gateways listen on new ports.
     */
    void restartCore() {
        core.forEach(ConfigurableApplicationContext::close);
        core.clear();
        startCore();
    }

    /**
     * Stops every service, the connectors included, and starts them again on the same database, topics and consumer
     * groups; the gateways listen on new ports ({@link #gateway}), the connectors on their own again.
     */
    void restartAll() {
        services.forEach(ConfigurableApplicationContext::close);
        services.clear();
        restartCore();
        if (telegramApiBaseUrl != null) {
            startTelegramConnector(telegramApiBaseUrl);
        }
        if (instagramGraphBaseUrl != null) {
            startInstagramConnector(instagramGraphBaseUrl);
        }
    }

    /** The port of the Instagram connector as it now runs. */
    int instagramConnector() {
        return instagramPort;
    }

    /** The port of the Telegram connector as it now runs. */
    int telegramConnector() {
        return telegramPort;
    }

    /** Starts the Telegram connector beside the others, on the same servers, against the given Bot API; its port. */
    int startTelegramConnector(String botApiBaseUrl) {
        telegramApiBaseUrl = botApiBaseUrl;
        Map<String, Object> telegram = FikoServices.with(common, "spring.datasource.url", databaseUrl);
        telegram.put("spring.datasource.username", postgres.username());
        telegram.put("spring.datasource.password", postgres.password());
        telegram.put("fiko.telegram.api-base-url", botApiBaseUrl);
        telegram.put("server.port", telegramPort);
        ConfigurableApplicationContext connector =
                FikoServices.start(net.fiko.connector.telegram.TelegramConnectorApplication.application(), telegram);
        services.add(connector);
        return telegramPort;
    }

    int startInstagramConnector(String graphApiBaseUrl) {
        instagramGraphBaseUrl = graphApiBaseUrl;
        Map<String, Object> instagram = FikoServices.with(common, "spring.datasource.url", databaseUrl);
        instagram.put("spring.datasource.username", postgres.username());
        instagram.put("spring.datasource.password", postgres.password());
        instagram.put("fiko.instagram.graph-base-url", graphApiBaseUrl);
        instagram.put("server.port", instagramPort);
        ConfigurableApplicationContext connector =
                FikoServices.start(net.fiko.connector.instagram.InstagramConnectorApplication.application(), instagram);
        services.add(connector);
        return instagramPort;
    }

    int gateway(int index) {
        return gatewayPorts.get(index);
    }

    static String token(String tenant, String userId, String name) {
        return DevTokens.access(FikoTestProperties.JWT_SECRET, userId, tenant, name, Duration.ofMinutes(5));
    }

    /** A token whose {@code user_id} claim is a JSON number, as the seed's identity service signs them. */
    static String numericToken(String tenant, long userId, String name) {
        return DevTokens.sign(
                FikoTestProperties.JWT_SECRET,
                Map.of("user_id", userId, "tenant_id", tenant, "username", name, "token_type", "access"),
                Duration.ofMinutes(5));
    }

    TestSocket chat(int gateway, String token, String conversation, String query) {
        return TestSocket.connect("ws://localhost:" + gatewayPorts.get(gateway) + "/ws/chat/" + conversation
                + "/?token=" + token + (query == null ? "" : "&" + query));
    }

    /** message-service's REST API, as the frontend calls it with the agent's token. */
    HttpResponse<String> messageServiceApi(String method, String path, String token, String body) {
        return RestCalls.send(messageService(), method, path, token, body);
    }

    /** Stops gateway {@code index} as a deployment does (SIGTERM): it drains, then its context closes. */
    void stopGateway(int index) {
        core.get(1 + index).close();
    }

    /** The port of message-service as it now runs. */
    int messageService() {
        return Integer.parseInt(core.get(0).getEnvironment().getRequiredProperty("local.server.port"));
    }

    /** What Prometheus scrapes from the service on this port: {@code /actuator/prometheus}, its text format. */
    static String prometheus(int port) {
        HttpResponse<String> answer = RestCalls.send(port, "GET", "/actuator/prometheus", null, null);
        if (answer.statusCode() != 200) {
            throw new AssertionError("/actuator/prometheus answered " + answer.statusCode() + ": " + answer.body());
        }
        return answer.body();
    }

    TestSocket list(int gateway, String token) {
        return TestSocket.connect("ws://localhost:" + gatewayPorts.get(gateway) + "/ws/conversations/?token=" + token);
    }

    /** A customer writes, as a connector reports it; returns the conversation id once the message is stored. */
    String customerWrites(String tenant, Platform platform, String customer, String name, String text) {
        String conversation = ConversationIds.forCustomer(tenant, platform, "ch-" + platform.wireName(), customer);
        long before = storedMessages(conversation).size();
        customerSends(tenant, platform, customer, name, text);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> storedMessages(conversation).size() > before);
        return conversation;
    }

    /** A customer writes, as a connector reports it, without waiting for the message to be stored. */
    void customerSends(String tenant, Platform platform, String customer, String name, String text) {
        customerSendsThrough("ch-" + platform.wireName(), tenant, platform, customer, name, text);
    }

    /** As {@link #customerSends}, through the tenant's channel {@code channel}; returns the conversation id. */
    String customerSendsThrough(
            String channel, String tenant, Platform platform, String customer, String name, String text) {
        String conversation = ConversationIds.forCustomer(tenant, platform, channel, customer);
        publish(
                Topics.INBOUND_MESSAGES,
                new CustomerMessageReceived(
                        UUID.randomUUID().toString(),
                        Instant.now(),
                        tenant,
                        conversation,
                        channel,
                        platform,
                        customer,
                        UUID.randomUUID().toString(),
                        new Customer(null, platform, customer, name, null, null),
                        text,
                        List.of(),
                        Instant.now()));
        return conversation;
    }

    <V extends FikoEvent> void publish(Topic<? super V> topic, V event) {
        try {
            producer.send(new ProducerRecord<>(topic.name(), event.partitionKey(), EventJson.toBytes(event)))
                    .get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Puts bytes on a topic as they are: a record of a producer that does not follow the contract. */
    void publishRaw(String topic, String key, String value) {
        try {
            producer.send(new ProducerRecord<>(topic, key, value.getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                    .get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** "sequence type content" of each stored message of the conversation, in order. */
    List<String> storedMessages(String conversation) {
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
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The number a counting query over the stack's database answers. */
    long count(String sql, Object... parameters) {
        try (Connection db = DriverManager.getConnection(databaseUrl, postgres.username(), postgres.password());
                PreparedStatement query = db.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                query.setObject(i + 1, parameters[i]);
            }
            try (ResultSet result = query.executeQuery()) {
                result.next();
                return result.getLong(1);
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The id of the newest agent message of the conversation, or null. */
    String latestSupportMessageId(String conversation) {
        try (Connection db = DriverManager.getConnection(databaseUrl, postgres.username(), postgres.password());
                PreparedStatement query = db.prepareStatement("select id from messages where conversation_id = ?::uuid"
                        + " and type = 'support' order by sequence desc limit 1")) {
            query.setString(1, conversation);
            try (ResultSet result = query.executeQuery()) {
                return result.next() ? result.getString(1) : null;
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
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

    @Override
    public void close() {
        producer.close();
        services.forEach(ConfigurableApplicationContext::close);
        core.forEach(ConfigurableApplicationContext::close);
    }
}
