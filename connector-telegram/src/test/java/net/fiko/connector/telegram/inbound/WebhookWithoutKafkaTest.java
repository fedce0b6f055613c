package net.fiko.connector.telegram.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import net.fiko.events.EventJson;
import net.fiko.testsupport.DevTokens;
import net.fiko.testsupport.FikoTestProperties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** When Kafka cannot take an update, Telegram gets a 5xx, so it delivers the update again later. */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.config.name=connector-telegram",
            "spring.kafka.bootstrap-servers=localhost:1",
            "spring.kafka.producer.properties.max.block.ms=1000",
            "spring.kafka.admin.fail-fast=false",
            "spring.kafka.admin.operation-timeout=2s",
            "spring.kafka.admin.properties.default.api.timeout.ms=2000",
            "spring.kafka.admin.properties.request.timeout.ms=2000",
            "spring.kafka.listener.auto-startup=false"
        })
class WebhookWithoutKafkaTest {

    static final MockWebServer TELEGRAM = new MockWebServer();

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) throws Exception {
        TELEGRAM.start();
        FikoTestProperties.postgres(registry, "telegram_no_kafka");
        registry.add("fiko.jwt.secret", () -> FikoTestProperties.JWT_SECRET);
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
    void shouldAnswer503AndForgetTheUpdateSoItsRedeliveryIsPublished() throws Exception {
        TELEGRAM.enqueue(json("{\"ok\":true,\"result\":{\"id\":42,\"is_bot\":true,\"username\":\"shop_bot\"}}"));
        TELEGRAM.enqueue(json("{\"ok\":true,\"result\":true}"));
        String token = DevTokens.access(
                FikoTestProperties.JWT_SECRET, "1", "t-" + UUID.randomUUID(), "Owner", Duration.ofMinutes(5));
        HttpResponse<String> created = send(HttpRequest.newBuilder(uri("/api/telegram/channels"))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"token\":\"4242:AAHabcdefghijklmnopqrstuvwxyz\"}")));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String channel = EventJson.mapper().readTree(created.body()).path("id").asString();
        TELEGRAM.takeRequest();
        String secret = EventJson.mapper()
                .readTree(TELEGRAM.takeRequest().getBody().utf8())
                .path("secret_token")
                .asString();

        HttpResponse<String> answer = send(HttpRequest.newBuilder(uri("/webhooks/telegram/" + channel))
                .header("Content-Type", "application/json")
                .header(TelegramWebhookController.SECRET_HEADER, secret)
                .POST(HttpRequest.BodyPublishers.ofString("{\"update_id\":7,\"message\":{\"message_id\":1,"
                        + "\"date\":1795600000,\"text\":\"hi\",\"from\":{\"id\":5,\"first_name\":\"A\"},"
                        + "\"chat\":{\"id\":5,\"type\":\"private\"}}}")));

        assertThat(answer.statusCode()).isEqualTo(503);
        assertThat(jdbc.queryForObject(
                        "select count(*) from received_updates where channel_id = ?", Long.class, channel))
                .isZero();
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static MockResponse json(String body) {
        return new MockResponse.Builder()
                .code(200)
                .addHeader("Content-Type", "application/json")
                .body(body)
                .build();
    }
}
