package net.fiko.connector.telegram.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import net.fiko.connector.telegram.TelegramConnectorApplication;
import net.fiko.dev.DevTokens;
import net.fiko.events.EventJson;
import net.fiko.events.Topics;
import net.fiko.events.inbound.CustomerMessageReceived;
import net.fiko.events.inbound.InboundMessage;
import net.fiko.testsupport.FikoTestProperties;
import net.fiko.testsupport.PostgresServer;
import net.fiko.testsupport.TestServers;
import net.fiko.testsupport.TopicRecorder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A connector that dies after recording an update's id and before Kafka has the update must not make Telegram's
 * redelivery look like a duplicate. Here the connector under test cannot reach Kafka, so it waits inside the
 * recording transaction; its database connection is then killed, which is what PostgreSQL sees when the process dies.
 * A second connector, on the same database and a real broker, then gets Telegram's redelivery, and publishes it.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.config.name=connector-telegram",
            "spring.kafka.bootstrap-servers=localhost:1",
            "spring.kafka.producer.properties.max.block.ms=8000",
            "spring.kafka.admin.fail-fast=false",
            "spring.kafka.admin.operation-timeout=2s",
            "spring.kafka.admin.properties.default.api.timeout.ms=2000",
            "spring.kafka.admin.properties.request.timeout.ms=2000",
            "spring.kafka.listener.auto-startup=false"
        })
class UpdateCrashTest {

    static final MockWebServer TELEGRAM = new MockWebServer();
    static final PostgresServer POSTGRES = TestServers.postgres();
    static final String DATABASE = POSTGRES.newDatabase("telegram_crash");

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) throws Exception {
        TELEGRAM.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                String result = request.getTarget().endsWith("/getMe")
                        ? "{\"id\":42,\"is_bot\":true,\"first_name\":\"Shop\",\"username\":\"shop_bot\"}"
                        : "true";
                return new MockResponse.Builder()
                        .code(200)
                        .addHeader("Content-Type", "application/json")
                        .body("{\"ok\":true,\"result\":" + result + "}")
                        .build();
            }
        });
        TELEGRAM.start();
        registry.add("spring.datasource.url", () -> DATABASE);
        registry.add("spring.datasource.username", POSTGRES::username);
        registry.add("spring.datasource.password", POSTGRES::password);
        registry.add("fiko.jwt.secret", () -> FikoTestProperties.JWT_SECRET);
        registry.add("fiko.allow-development-secrets", () -> true);
        registry.add("fiko.telegram.api-base-url", () -> TELEGRAM.url("/").toString());
    }

    @AfterAll
    static void stopTelegram() {
        TELEGRAM.close();
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void anUpdateWhoseConnectorDiedBeforeKafkaHadItShouldBePublishedWhenTelegramDeliversItAgain() throws Exception {
        String tenant = "t-" + UUID.randomUUID();
        HttpResponse<String> created = send(
                port,
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/telegram/channels"))
                        .header(
                                "Authorization",
                                "Bearer "
                                        + DevTokens.access(
                                                FikoTestProperties.JWT_SECRET,
                                                "1",
                                                tenant,
                                                "Owner",
                                                Duration.ofMinutes(5)))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"token\":\"4242:AAH"
                                + UUID.randomUUID().toString().replace("-", "") + "\"}")));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String channel = EventJson.mapper().readTree(created.body()).path("id").asString();
        String secret = jdbc.queryForObject("SELECT webhook_secret FROM channels WHERE id = ?", String.class, channel);
        String update =
                "{\"update_id\":77,\"message\":{\"message_id\":7,\"date\":1795600000,\"text\":\"are you there?\","
                        + "\"from\":{\"id\":5,\"first_name\":\"A\"},\"chat\":{\"id\":5,\"type\":\"private\"}}}";

        CompletableFuture<HttpResponse<String>> first =
                CompletableFuture.supplyAsync(() -> webhook(port, channel, secret, update));
        List<Integer> dying = await().atMost(Duration.ofSeconds(10))
                .until(
                        () -> jdbc.queryForList(
                                "SELECT pid FROM pg_stat_activity WHERE datname = current_database()"
                                        + " AND state = 'idle in transaction' AND pid <> pg_backend_pid()",
                                Integer.class),
                        pids -> !pids.isEmpty());
        dying.forEach(pid -> jdbc.queryForObject("SELECT pg_terminate_backend(?)", Boolean.class, pid));
        assertThat(first.get().statusCode()).as("the dying connector's answer").isNotEqualTo(200);

        try (TopicRecorder<InboundMessage> inbound = new TopicRecorder<>(Topics.INBOUND_MESSAGES);
                ConfigurableApplicationContext survivor = TelegramConnectorApplication.application()
                        .registerShutdownHook(false)
                        .run(
                                "--server.port=0",
                                "--spring.kafka.bootstrap-servers="
                                        + TestServers.kafka().bootstrapServers(),
                                "--spring.kafka.consumer.group-id=crash-" + UUID.randomUUID(),
                                "--spring.datasource.url=" + DATABASE,
                                "--spring.datasource.username=" + POSTGRES.username(),
                                "--spring.datasource.password=" + POSTGRES.password(),
                                "--fiko.jwt.secret=" + FikoTestProperties.JWT_SECRET,
                                "--fiko.allow-development-secrets=true",
                                "--fiko.telegram.api-base-url=" + TELEGRAM.url("/"))) {
            int survivorPort = Integer.parseInt(survivor.getEnvironment().getRequiredProperty("local.server.port"));

            assertThat(webhook(survivorPort, channel, secret, update).statusCode())
                    .isEqualTo(200);

            assertThat(inbound.awaitEvents(
                                    CustomerMessageReceived.class,
                                    e -> e.channelId().equals(channel),
                                    1)
                            .get(0)
                            .content())
                    .isEqualTo("are you there?");
        }
    }

    private static HttpResponse<String> webhook(int port, String channel, String secret, String update) {
        return send(
                port,
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/webhooks/telegram/" + channel))
                        .header("Content-Type", "application/json")
                        .header(TelegramWebhookController.SECRET_HEADER, secret)
                        .POST(HttpRequest.BodyPublishers.ofString(update)));
    }

    private static HttpResponse<String> send(int port, HttpRequest.Builder request) {
        try {
            return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
