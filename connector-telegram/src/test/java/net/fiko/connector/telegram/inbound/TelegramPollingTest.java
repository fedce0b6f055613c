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
import net.fiko.events.Topics;
import net.fiko.events.inbound.CustomerMessageReceived;
import net.fiko.events.inbound.InboundMessage;
import net.fiko.testsupport.FikoTestProperties;
import net.fiko.testsupport.TopicRecorder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Polling mode: updates long-polled from a local server that serves getUpdates like Telegram, on a real broker. */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.config.name=connector-telegram",
            "fiko.telegram.updates=polling",
            "fiko.telegram.poll-timeout=1s"
        })
class TelegramPollingTest {

    static final FakeBotApiUpdates BOT_API = new FakeBotApiUpdates();
    static final MockWebServer TELEGRAM = new MockWebServer();

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) throws Exception {
        TELEGRAM.setDispatcher(BOT_API);
        TELEGRAM.start();
        FikoTestProperties.kafka(registry);
        FikoTestProperties.postgres(registry, "telegram_polling");
        registry.add("fiko.telegram.api-base-url", () -> TELEGRAM.url("/").toString());
    }

    @AfterAll
    static void stopTelegram() {
        TELEGRAM.close();
    }

    @LocalServerPort
    int port;

    @Test
    void shouldPublishEachPolledUpdateOnceAndConfirmItOnlyAfterwards() throws Exception {
        String tenant = "t-" + UUID.randomUUID();
        HttpResponse<String> created = HttpClient.newHttpClient()
                .send(
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
                                .POST(HttpRequest.BodyPublishers.ofString(
                                        "{\"token\":\"4343:AAHabcdefghijklmnopqrstuvwxyz\"}"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String channel = EventJson.mapper().readTree(created.body()).path("id").asString();
        assertThat(BOT_API.methods()).startsWith("getMe", "deleteWebhook").doesNotContain("setWebhook");

        try (var inbound = new TopicRecorder<InboundMessage>(Topics.INBOUND_MESSAGES)) {
            String update = "{\"update_id\":%d,\"message\":{\"message_id\":%d,\"date\":1795600000,\"text\":\"%s\","
                    + "\"from\":{\"id\":77,\"first_name\":\"Sara\"},\"chat\":{\"id\":77,\"type\":\"private\"}}}";
            BOT_API.add(update.formatted(500, 10, "Hello"));
            BOT_API.add(update.formatted(501, 11, "Anyone there?"));

            var received = inbound.awaitEvents(
                    CustomerMessageReceived.class, e -> e.channelId().equals(channel), 2);
            assertThat(received).extracting(CustomerMessageReceived::content).containsExactly("Hello", "Anyone there?");
            assertThat(received.get(0).tenantId()).isEqualTo(tenant);

            await().atMost(Duration.ofSeconds(10)).until(() -> BOT_API.offsets().contains(502L));
            assertThat(BOT_API.unconfirmed()).isEmpty();
            await().during(Duration.ofMillis(1500))
                    .atMost(Duration.ofSeconds(3))
                    .until(() -> inbound.matching(
                                            CustomerMessageReceived.class,
                                            e -> e.channelId().equals(channel))
                                    .size()
                            == 2);
        }
    }
}
