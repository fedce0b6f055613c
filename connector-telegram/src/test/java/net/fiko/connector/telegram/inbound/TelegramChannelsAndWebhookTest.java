package net.fiko.connector.telegram.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import net.fiko.connector.kit.retention.DedupeRetention;
import net.fiko.connector.telegram.channel.Chats;
import net.fiko.dev.DevTokens;
import net.fiko.events.EventJson;
import net.fiko.events.Platform;
import net.fiko.events.Topics;
import net.fiko.events.inbound.CustomerMessageReceived;
import net.fiko.events.inbound.InboundMessage;
import net.fiko.testsupport.FikoTestProperties;
import net.fiko.testsupport.TopicRecorder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Registering a bot and receiving its webhooks, on a real broker and database, with a local server answering like the
 * Bot API.
 */
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.config.name=connector-telegram")
class TelegramChannelsAndWebhookTest {

    static final MockWebServer TELEGRAM = new MockWebServer();

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) throws Exception {
        TELEGRAM.start();
        FikoTestProperties.kafka(registry);
        FikoTestProperties.postgres(registry, "telegram");
        registry.add("fiko.telegram.api-base-url", () -> TELEGRAM.url("/").toString());
        registry.add("fiko.telegram.public-base-url", () -> "https://hooks.example.com/");
    }

    @AfterAll
    static void stopTelegram() {
        TELEGRAM.close();
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    DedupeRetention retention;

    @Autowired
    Chats chats;

    final String tenant = "tenant-" + UUID.randomUUID();
    final String botToken = "7000" + Math.abs(UUID.randomUUID().getMostSignificantBits() % 1000) + ":AAH"
            + UUID.randomUUID().toString().replace("-", "");

    @Test
    void shouldRegisterABotAndPublishEachUpdateOnceAndNeverShowTheToken(CapturedOutput output) throws Exception {
        Registered channel = register();
        try (var inbound = new TopicRecorder<>(Topics.INBOUND_MESSAGES)) {
            String update = """
                    {"update_id": 9001, "message": {"message_id": 77, "date": 1795600000, "caption": "Look",
                     "photo": [{"file_id": "small", "file_size": 100}, {"file_id": "large", "file_size": 4000}],
                     "from": {"id": 987654321, "is_bot": false, "first_name": "John", "last_name": "Doe", "username": "johnd"},
                     "chat": {"id": 9007199254740993, "type": "private"}}}""";
            for (int i = 0; i < 10; i++) {
                assertThat(webhook(channel.id(), channel.secret(), update).statusCode())
                        .isEqualTo(200);
            }
            assertThat(webhook(
                                    channel.id(),
                                    channel.secret(),
                                    update.replace("9001", "9002").replace("77", "78"))
                            .statusCode())
                    .isEqualTo(200);

            var received = inbound.awaitEvents(
                    CustomerMessageReceived.class, e -> e.channelId().equals(channel.id()), 2);
            await().during(Duration.ofMillis(500))
                    .atMost(Duration.ofSeconds(2))
                    .until(() -> inbound.matching(
                                            CustomerMessageReceived.class,
                                            e -> e.channelId().equals(channel.id()))
                                    .size()
                            == 2);
            CustomerMessageReceived first = received.get(0);
            assertThat(first.tenantId()).isEqualTo(tenant);
            assertThat(first.platform()).isEqualTo(Platform.TELEGRAM);
            assertThat(first.externalChatId()).isEqualTo("9007199254740993");
            assertThat(jdbc.queryForObject(
                            "SELECT chat_id FROM chats WHERE conversation_id = ? AND channel_id = ?",
                            Long.class,
                            first.conversationId(),
                            channel.id()))
                    .as("where an agent's typing is shown")
                    .isEqualTo(9_007_199_254_740_993L);
            assertThat(first.platformMessageId()).isEqualTo("77");
            assertThat(first.content()).isEqualTo("Look");
            assertThat(first.customer().firstName()).isEqualTo("John");
            assertThat(first.customer().username()).isEqualTo("johnd");
            assertThat(first.attachments()).singleElement().satisfies(a -> {
                assertThat(a.kind()).isEqualTo("photo");
                assertThat(a.fileId()).isEqualTo("large");
            });
        }
        assertThat(output.getAll()).doesNotContain(botToken);
    }

    @Test
    void shouldStoreAnUpdatesTextWithCharactersNoStoreCanHoldReplaced() throws Exception {
        Registered channel = register();
        try (var inbound = new TopicRecorder<>(Topics.INBOUND_MESSAGES)) {
            String update = """
                    {"update_id": 9101, "message": {"message_id": 91, "date": 1795600000, "text": "nul \\u0000 lone \\ud83d",
                     "from": {"id": 987654322, "is_bot": false, "first_name": "Jo\\u0000hn"},
                     "chat": {"id": 987654322, "type": "private"}}}""";

            assertThat(webhook(channel.id(), channel.secret(), update).statusCode())
                    .isEqualTo(200);

            CustomerMessageReceived received = inbound.awaitEvents(
                            CustomerMessageReceived.class, e -> e.channelId().equals(channel.id()), 1)
                    .get(0);
            assertThat(received.content()).isEqualTo("nul \uFFFD lone \uFFFD");
            assertThat(received.customer().firstName()).isEqualTo("Jo\uFFFDhn");
        }
    }

    @Test
    void shouldAnswer413ToABodyOverTheLimitWithoutReadingTheRest() throws Exception {
        String path = "/webhooks/telegram/" + UUID.randomUUID();
        try (Socket declared = new Socket("localhost", port)) {
            declared.setSoTimeout(10_000);
            declared.getOutputStream()
                    .write(("POST " + path + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                                    + "Content-Length: 536870912\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
            assertThat(statusLine(declared)).contains(" 413 ");
        }

        long sent = 0;
        try (Socket chunked = new Socket("localhost", port)) {
            chunked.setSoTimeout(10_000);
            OutputStream out = chunked.getOutputStream();
            out.write(("POST " + path + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                            + "Transfer-Encoding: chunked\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            byte[] chunk = ("10000\r\n" + "x".repeat(0x10000) + "\r\n").getBytes(StandardCharsets.US_ASCII);
            try {
                // Up to 512 MiB, as the attack did; the server stops reading at 1 MiB and closes.
                while (sent < 512L * 1024 * 1024) {
                    out.write(chunk);
                    sent += 0x10000;
                }
            } catch (IOException closedByTheServer) {
                // expected: the server answered and closed while the body was still coming
            }
            assertThat(statusLine(chunked)).contains(" 413 ");
        }
        assertThat(sent).as("bytes sent before the server closed").isLessThan(64L * 1024 * 1024);
    }

    private static String statusLine(Socket socket) throws IOException {
        var in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
        return in.readLine();
    }

    @Test
    void shouldRememberTheLatestChatOfAConversationWithoutRewritingItForEachMessage() throws Exception {
        Registered channel = register();
        String conversation = UUID.randomUUID().toString();

        chats.remember(conversation, tenant, channel.id(), 1001L);
        long version = rowVersion(conversation);
        chats.remember(conversation, tenant, channel.id(), 1001L);

        assertThat(rowVersion(conversation))
                .as("the same chat again writes nothing")
                .isEqualTo(version);
        chats.remember(conversation, tenant, channel.id(), 1002L);
        assertThat(chats.of(tenant, conversation)).contains(new Chats.Chat(channel.id(), 1002L));
        assertThat(rowVersion(conversation)).isNotEqualTo(version);
    }

    /** The transaction that last wrote the row (PostgreSQL's xmin). */
    private long rowVersion(String conversation) {
        return jdbc.queryForObject(
                "SELECT xmin::text::bigint FROM chats WHERE conversation_id = ?", Long.class, conversation);
    }

    @Test
    void shouldRefuseAForgedOrMissingSecretAndPublishNothing() throws Exception {
        Registered channel = register();
        try (TopicRecorder<InboundMessage> inbound = new TopicRecorder<>(Topics.INBOUND_MESSAGES)) {
            String update = "{\"update_id\":1,\"message\":{\"message_id\":1,\"date\":1795600000,\"text\":\"hi\","
                    + "\"from\":{\"id\":5,\"first_name\":\"Eve\"},\"chat\":{\"id\":5,\"type\":\"private\"}}}";
            assertThat(webhook(channel.id(), "forged", update).statusCode()).isEqualTo(401);
            assertThat(webhook(channel.id(), null, update).statusCode()).isEqualTo(401);
            assertThat(webhook(UUID.randomUUID().toString(), channel.secret(), update)
                            .statusCode())
                    .isEqualTo(401);

            await().during(Duration.ofSeconds(1))
                    .atMost(Duration.ofSeconds(3))
                    .until(() -> inbound.matching(
                                    CustomerMessageReceived.class,
                                    e -> e.tenantId().equals(tenant))
                            .isEmpty());
        }
    }

    @Test
    void shouldListOnlyTheTenantsBotsAndRemoveOneWithItsWebhook() throws Exception {
        Registered channel = register();

        JsonNode mine = EventJson.mapper()
                .readTree(api("GET", "/api/telegram/channels", token(tenant)).body());
        assertThat(mine).hasSize(1);
        assertThat(mine.get(0).path("id").asString()).isEqualTo(channel.id());
        assertThat(mine.get(0).toString()).doesNotContain(botToken);
        assertThat(EventJson.mapper()
                        .readTree(api("GET", "/api/telegram/channels", token("other"))
                                .body()))
                .isEmpty();
        assertThat(api("DELETE", "/api/telegram/channels/" + channel.id(), token("other"))
                        .statusCode())
                .isEqualTo(404);

        assertThat(webhook(channel.id(), channel.secret(), "{\"update_id\":4}").statusCode())
                .as("a webhook before the removal, which keeps the channel in memory")
                .isEqualTo(200);

        answer("{\"ok\":true,\"result\":true}");
        assertThat(api("DELETE", "/api/telegram/channels/" + channel.id(), token(tenant))
                        .statusCode())
                .isEqualTo(204);
        assertThat(TELEGRAM.takeRequest().getTarget()).isEqualTo("/bot" + botToken + "/deleteWebhook");
        assertThat(webhook(channel.id(), channel.secret(), "{\"update_id\":5}").statusCode())
                .isEqualTo(401);
    }

    @Test
    void shouldForgetUpdateIdsOnlyAfterTheRetention() throws Exception {
        Registered channel = register();
        String update = "{\"update_id\":%d,\"message\":{\"message_id\":%d,\"date\":1795600000,\"text\":\"hi\","
                + "\"from\":{\"id\":6,\"first_name\":\"Ann\"},\"chat\":{\"id\":6,\"type\":\"private\"}}}";
        assertThat(webhook(channel.id(), channel.secret(), update.formatted(31, 31))
                        .statusCode())
                .isEqualTo(200);
        assertThat(webhook(channel.id(), channel.secret(), update.formatted(32, 32))
                        .statusCode())
                .isEqualTo(200);
        jdbc.update(
                "UPDATE received_updates SET received_at = now() - interval '15 days'"
                        + " WHERE channel_id = ? AND update_id = 31",
                channel.id());

        retention.forgetOldKeys();

        assertThat(jdbc.queryForList(
                        "SELECT update_id FROM received_updates WHERE channel_id = ?", Long.class, channel.id()))
                .containsExactly(32L);
    }

    @Test
    void shouldRefuseATokenTelegramDoesNotAccept() throws Exception {
        TELEGRAM.enqueue(new MockResponse.Builder()
                .code(401)
                .body("{\"ok\":false,\"error_code\":401,\"description\":\"Unauthorized\"}")
                .build());

        HttpResponse<String> response =
                api("POST", "/api/telegram/channels", token(tenant), "{\"token\":\"" + botToken + "\"}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("Invalid token").doesNotContain(botToken);
        TELEGRAM.takeRequest();
    }

    @Test
    void shouldAnswerAMalformedOrRepeatedRegistrationClearlyWithoutCallingTelegram() throws Exception {
        String path = "/api/telegram/channels";
        int requestsBefore = TELEGRAM.getRequestCount();
        HttpResponse<String> badToken = api("POST", path, token(tenant), "{\"token\":\"not a token\"}");
        assertThat(badToken.statusCode()).isEqualTo(400);
        assertThat(badToken.body()).contains("\"error\":\"Invalid token\"").contains("@BotFather");
        assertThat(api("POST", path, token(tenant), "{\"token\":").statusCode()).isEqualTo(400);
        assertThat(api("POST", path, token(tenant), "null").statusCode()).isEqualTo(400);
        assertThat(api("POST", path, token(tenant), "[1]").statusCode()).isEqualTo(400);
        assertThat(api("POST", path, token(tenant)).statusCode()).isEqualTo(400);
        assertThat(TELEGRAM.getRequestCount()).as("calls to Telegram").isEqualTo(requestsBefore);

        register();
        answer(
                "{\"ok\":true,\"result\":{\"id\":42,\"is_bot\":true,\"first_name\":\"Shop\",\"username\":\"shop_bot\"}}");
        HttpResponse<String> again = api("POST", path, token(tenant), "{\"token\":\"" + botToken + "\"}");
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(TELEGRAM.takeRequest().getTarget()).isEqualTo("/bot" + botToken + "/getMe");
        assertThat(again.body()).contains("Already registered").doesNotContain(botToken);
        assertThat(api("GET", path, token(tenant)).body()).doesNotContain(botToken);
        assertThat(api("DELETE", path + "/" + UUID.randomUUID(), token(tenant)).body())
                .contains("Channel not found");
    }

    private Registered register() throws Exception {
        answer(
                "{\"ok\":true,\"result\":{\"id\":42,\"is_bot\":true,\"first_name\":\"Shop\",\"username\":\"shop_bot\"}}");
        answer("{\"ok\":true,\"result\":true}");
        HttpResponse<String> created =
                api("POST", "/api/telegram/channels", token(tenant), "{\"token\":\"" + botToken + "\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(created.body()).doesNotContain(botToken);
        JsonNode channel = EventJson.mapper().readTree(created.body());
        assertThat(channel.path("bot_username").asString()).isEqualTo("shop_bot");

        RecordedRequest getMe = TELEGRAM.takeRequest();
        assertThat(getMe.getTarget()).isEqualTo("/bot" + botToken + "/getMe");
        RecordedRequest setWebhook = TELEGRAM.takeRequest();
        assertThat(setWebhook.getTarget()).isEqualTo("/bot" + botToken + "/setWebhook");
        JsonNode webhook = EventJson.mapper().readTree(setWebhook.getBody().utf8());
        String id = channel.path("id").asString();
        assertThat(webhook.path("url").asString()).isEqualTo("https://hooks.example.com/webhooks/telegram/" + id);
        assertThat(webhook.path("url").asString()).doesNotContain(botToken);
        assertThat(webhook.path("secret_token").asString()).matches("[A-Za-z0-9_-]{32,256}");
        assertThat(webhook.path("allowed_updates").toString()).contains("message");
        return new Registered(id, webhook.path("secret_token").asString());
    }

    private static void answer(String body) {
        TELEGRAM.enqueue(new MockResponse.Builder()
                .code(200)
                .addHeader("Content-Type", "application/json")
                .body(body)
                .build());
    }

    private HttpResponse<String> webhook(String channelId, String secret, String update) throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/webhooks/telegram/" + channelId))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(update));
        if (secret != null) {
            request.header(TelegramWebhookController.SECRET_HEADER, secret);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> api(String method, String path, String token) throws Exception {
        return api(method, path, token, null);
    }

    private HttpResponse<String> api(String method, String path, String token, String body) throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String token(String tenant) {
        return DevTokens.access(FikoTestProperties.JWT_SECRET, "1", tenant, "Owner", Duration.ofMinutes(5));
    }

    private record Registered(String id, String secret) {}
}
