package net.fiko.connector.telegram.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import mockwebserver3.MockWebServer;
import net.fiko.dev.DevTokens;
import net.fiko.events.EventJson;
import net.fiko.testsupport.FikoTestProperties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * When Kafka cannot take an update, Telegram must deliver it again: a webhook call gets a 5xx, and a long poll does
 * not confirm it. The connector runs in polling mode here; its webhook endpoint answers all the same.
 */
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
            "spring.kafka.listener.auto-startup=false",
            "fiko.telegram.updates=polling",
            "fiko.telegram.poll-timeout=1s"
        })
class UpdatesWithoutKafkaTest {

    static final FakeBotApiUpdates BOT_API = new FakeBotApiUpdates();
    static final MockWebServer TELEGRAM = new MockWebServer();

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) throws Exception {
        TELEGRAM.setDispatcher(BOT_API);
        TELEGRAM.start();
        FikoTestProperties.postgres(registry, "telegram_no_kafka");
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
    void shouldAnswer503AndNotConfirmAPolledUpdateSoBothAreDeliveredAgain() throws Exception {
        String token = DevTokens.access(
                FikoTestProperties.JWT_SECRET, "1", "t-" + UUID.randomUUID(), "Owner", Duration.ofMinutes(5));
        HttpResponse<String> created = send(HttpRequest.newBuilder(uri("/api/telegram/channels"))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"token\":\"4242:AAHabcdefghijklmnopqrstuvwxyz\"}")));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String channel = EventJson.mapper().readTree(created.body()).path("id").asString();
        String secret = jdbc.queryForObject("SELECT webhook_secret FROM channels WHERE id = ?", String.class, channel);
        String update = "{\"update_id\":%d,\"message\":{\"message_id\":%d,\"date\":1795600000,\"text\":\"hi\","
                + "\"from\":{\"id\":5,\"first_name\":\"A\"},\"chat\":{\"id\":5,\"type\":\"private\"}}}";

        HttpResponse<String> answer = send(HttpRequest.newBuilder(uri("/webhooks/telegram/" + channel))
                .header("Content-Type", "application/json")
                .header(TelegramWebhookController.SECRET_HEADER, secret)
                .POST(HttpRequest.BodyPublishers.ofString(update.formatted(7, 1))));
        assertThat(answer.statusCode()).isEqualTo(503);

        int callsBefore = BOT_API.offsets().size();
        BOT_API.add(update.formatted(8, 2));
        await().atMost(Duration.ofSeconds(30)).until(() -> BOT_API.offsets().size() >= callsBefore + 3);
        assertThat(BOT_API.offsets()).doesNotContain(9L);
        assertThat(BOT_API.unconfirmed()).containsExactly(8L);
        assertThat(jdbc.queryForObject(
                        "select count(*) from received_updates where channel_id = ? and update_id = 7",
                        Long.class,
                        channel))
                .as("the webhook's update is forgotten, so its redelivery is published")
                .isZero();
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
