package net.fiko.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import net.fiko.events.ConversationIds;
import net.fiko.events.EventJson;
import net.fiko.events.Platform;
import net.fiko.testsupport.ServerKind;
import net.fiko.testsupport.TestSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

/**
 * A Telegram customer and an agent, end to end: a webhook update through the connector, the broker and
 * message-service to the agent's list; the agent's reply through the gateway, message-service and the connector to
 * the Bot API (a local server answering like it), and the platform's answer back on the agent's chat socket.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TelegramEndToEndTest {

    final MockWebServer telegram = new MockWebServer();
    final ConcurrentLinkedQueue<JsonNode> sent = new ConcurrentLinkedQueue<>();
    final ConcurrentLinkedQueue<JsonNode> chatActions = new ConcurrentLinkedQueue<>();
    /** The bot token each sendMessage came with, by the text sent. */
    final Map<String, String> sentWith = new ConcurrentHashMap<>();
    /** Each registered bot's token and webhook secret, by its channel id. */
    final Map<String, String> tokens = new ConcurrentHashMap<>();

    final Map<String, String> secrets = new ConcurrentHashMap<>();
    /** The bytes of every file the Bot API serves here, and how often one was downloaded. */
    static final byte[] PHOTO = photo();

    /** Downloads from the Bot API, by the file's path. */
    final Map<String, Integer> downloads = new ConcurrentHashMap<>();

    /** Every file sent to the Bot API, in order. */
    final ConcurrentLinkedQueue<SentFile> filesSent = new ConcurrentLinkedQueue<>();

    /** The traceparent header each sendMessage came with, by the text sent. */
    final Map<String, String> sentTraces = new ConcurrentHashMap<>();

    RunningStack stack;

    @BeforeAll
    void start() throws Exception {
        telegram.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                if (request.getTarget().endsWith("/getMe")) {
                    // As Telegram: a bot's id is the number its token starts with.
                    String path = request.getUrl().encodedPath();
                    String id = path.substring(4, path.indexOf(':'));
                    return json(
                            200,
                            "{\"ok\":true,\"result\":{\"id\":" + id + ",\"is_bot\":true,\"username\":\"bot_" + id
                                    + "\"}}");
                }
                if (request.getTarget().endsWith("/getFile")) {
                    String fileId = EventJson.mapper()
                            .readTree(request.getBody().utf8())
                            .path("file_id")
                            .asString();
                    return json(
                            200,
                            "{\"ok\":true,\"result\":{\"file_id\":\"" + fileId + "\",\"file_unique_id\":\"u\","
                                    + "\"file_size\":" + PHOTO.length + ",\"file_path\":\""
                                    + (fileId.startsWith("voice")
                                            ? "voice/" + fileId + ".oga"
                                            : "photos/" + fileId + ".jpg")
                                    + "\"}}");
                }
                if (request.getTarget().startsWith("/file/bot")) {
                    downloads.merge(
                            request.getTarget().substring(request.getTarget().lastIndexOf('/') + 1), 1, Integer::sum);
                    return new MockResponse.Builder()
                            .code(200)
                            .body(new okio.Buffer().write(PHOTO))
                            .build();
                }
                if (request.getHeaders().get("Content-Type") != null
                        && request.getHeaders().get("Content-Type").startsWith("multipart/form-data")) {
                    return fileSent(request);
                }
                if (request.getTarget().endsWith("/sendChatAction")) {
                    chatActions.add(
                            EventJson.mapper().readTree(request.getBody().utf8()));
                }
                if (!request.getTarget().endsWith("/sendMessage")) {
                    return json(200, "{\"ok\":true,\"result\":true}");
                }
                JsonNode body = EventJson.mapper().readTree(request.getBody().utf8());
                sent.add(body);
                String path = request.getUrl().encodedPath();
                sentWith.put(body.path("text").asString(), path.substring(4, path.lastIndexOf('/')));
                String traceParent = request.getHeaders().get("traceparent");
                if (traceParent != null) {
                    sentTraces.put(body.path("text").asString(), traceParent);
                }
                return body.path("text").asString().startsWith("blocked")
                        ? json(
                                403,
                                "{\"ok\":false,\"error_code\":403,\"description\":\"Forbidden: bot was blocked by the user\"}")
                        : json(200, "{\"ok\":true,\"result\":{\"message_id\":" + (100 + sent.size()) + "}}");
            }
        });
        telegram.start();
        stack = new RunningStack(ServerKind.EMBEDDED, 1, Map.of());
        stack.startTelegramConnector(telegram.url("/").toString());
    }

    @AfterAll
    void stop() {
        stack.close();
        telegram.close();
    }

    @Test
    void aCustomerWritesOnTelegramAndAnAgentAnswersThroughTheBot() throws Exception {
        String tenant = "tenant-" + UUID.randomUUID();
        String agent = RunningStack.token(tenant, "7", "Sara");
        var channel = registerBot(agent);

        try (TestSocket list = stack.list(0, agent);
                TestSocket otherTenant = stack.list(0, RunningStack.token("tenant-" + UUID.randomUUID(), "9", "X"))) {
            list.next("conversations_list");
            otherTenant.next("conversations_list");
            assertThat(webhook(channel, """
                    {"update_id": 1, "message": {"message_id": 10, "date": 1795600000, "text": "Where is my order?",
                     "from": {"id": 777000111, "is_bot": false, "first_name": "John"},
                     "chat": {"id": 777000111, "type": "private"}}}""")).isEqualTo(200);

            JsonNode delta = list.next("new_customer_message");
            assertThat(delta.path("message").path("content").asString()).isEqualTo("Where is my order?");
            assertThat(delta.path("conversation").path("title").asString()).isEqualTo("telegram - John");
            assertThat(otherTenant.pending()).isEmpty();
        }

        String conversation = ConversationIds.forCustomer(tenant, Platform.TELEGRAM, channel, "777000111");
        try (TestSocket chat = stack.chat(0, agent, conversation, null)) {
            chat.next("recent_messages");
            chat.send("{\"type\":\"chat_message\",\"content\":\"It ships today.\"}");

            JsonNode delivered = chat.next("chat_message");
            assertThat(delivered.path("external_send_result").path("success").asBoolean())
                    .isTrue();
            assertThat(delivered.path("external_send_result").path("platform").asString())
                    .isEqualTo("telegram");
            JsonNode call = sent.stream()
                    .filter(s -> s.path("text").asString().equals("It ships today."))
                    .findFirst()
                    .orElseThrow();
            assertThat(call.path("chat_id").asLong()).isEqualTo(777000111L);

            chat.send("{\"type\":\"chat_message\",\"content\":\"blocked? hello\"}");
            JsonNode result = chat.nextDeliveryResult();
            assertThat(result.path("success").asBoolean()).isFalse();
            assertThat(result.path("error").asString()).isEqualTo("The customer blocked the bot");

            assertThat(webhook(channel, """
                    {"update_id": 2, "edited_message": {"message_id": 10, "date": 1795600000, "edit_date": 1795600060,
                     "text": "Where is my order #1234?",
                     "from": {"id": 777000111, "is_bot": false, "first_name": "John"},
                     "chat": {"id": 777000111, "type": "private"}}}""")).isEqualTo(200);
            JsonNode edited = chat.next("message_edited");
            assertThat(edited.path("message").path("content").asString()).isEqualTo("Where is my order #1234?");
            assertThat(edited.path("message").path("sequence").asLong()).isEqualTo(1);
            assertThat(edited.path("edited_at").asString()).isEqualTo("2026-11-25T09:47:40Z");

            // The agent's typing shows in the customer's Telegram chat (typing is read from the newest offset on,
            // so it is repeated, as a browser does, until the connector is listening).
            await().atMost(Duration.ofSeconds(20))
                    .pollInterval(Duration.ofSeconds(1))
                    .until(() -> {
                        chat.send("{\"type\":\"typing\",\"is_typing\":true}");
                        return !chatActions.isEmpty();
                    });
            assertThat(chatActions.peek().path("chat_id").asLong()).isEqualTo(777000111L);
            assertThat(chatActions.peek().path("action").asString()).isEqualTo("typing");
        }
    }

    @Test
    void webhookAttacksShouldNotHoldBackTheNextCustomerMessageAlsoAfterEveryServiceRestarts() throws Exception {
        String tenant = "tenant-" + UUID.randomUUID();
        String agent = RunningStack.token(tenant, "7", "Sara");
        String channel = registerBot(agent);

        try (TestSocket list = stack.list(0, agent)) {
            list.next("conversations_list");
            assertThat(oversizeWebhook(channel))
                    .as("a body declared over 1 MiB")
                    .contains(" 413 ");
            assertThat(webhook(channel, "[")).as("not JSON").isEqualTo(400);
            assertThat(webhook(channel, update(101, "nul \\u0000 and lone \\ud83d")))
                    .isEqualTo(200);
            assertThat(list.next("new_customer_message")
                            .path("message")
                            .path("content")
                            .asString())
                    .isEqualTo("nul \uFFFD and lone \uFFFD");

            assertShownWithin(list, channel, 102, "after the attacks");
        }

        stack.restartAll();

        try (TestSocket list = stack.list(0, agent)) {
            list.next("conversations_list");
            assertShownWithin(list, channel, 103, "after every service restarted");
        }
    }

    @Test
    void aCustomerWritingToTwoOfTheTenantsBotsHasTwoConversationsEachAnsweredThroughItsOwnBot() throws Exception {
        String tenant = "tenant-" + UUID.randomUUID();
        String agent = RunningStack.token(tenant, "7", "Sara");
        String shop = registerBot(agent);
        String support = registerBot(agent);

        try (TestSocket list = stack.list(0, agent)) {
            list.next("conversations_list");
            assertThat(webhook(shop, update(201, "Hello shop"))).isEqualTo(200);
            String toShop =
                    list.next("new_customer_message").path("conversation_id").asString();
            assertThat(webhook(support, update(202, "Hello support"))).isEqualTo(200);
            JsonNode second = list.next("new_customer_message");
            String toSupport = second.path("conversation_id").asString();

            assertThat(toShop).isEqualTo(ConversationIds.forCustomer(tenant, Platform.TELEGRAM, shop, "777000222"));
            assertThat(toSupport)
                    .isEqualTo(ConversationIds.forCustomer(tenant, Platform.TELEGRAM, support, "777000222"))
                    .isNotEqualTo(toShop);
            assertThat(second.path("conversation").path("unread_count").asInt())
                    .as("a conversation of its own, not the shop's with two unread")
                    .isEqualTo(1);
            assertThat(second.path("message").path("sequence").asLong()).isEqualTo(1);

            for (String conversation : java.util.List.of(toShop, toSupport)) {
                try (TestSocket chat = stack.chat(0, agent, conversation, null)) {
                    assertThat(chat.next("recent_messages").path("messages")).hasSize(1);
                    chat.send("{\"type\":\"chat_message\",\"content\":\"Answer in " + conversation + "\"}");
                    chat.next(frame ->
                            frame.path("external_send_result").path("success").asBoolean());
                }
            }
            // The customer wrote the support bot last, yet the shop's answer goes out through the shop's bot.
            assertThat(sentWith.get("Answer in " + toShop)).isEqualTo(tokens.get(shop));
            assertThat(sentWith.get("Answer in " + toSupport)).isEqualTo(tokens.get(support));
        }
    }

    @Test
    void anErasedCustomerShouldBeForgottenByTheConnectorToo() throws Exception {
        String tenant = "tenant-" + UUID.randomUUID();
        String agent = RunningStack.token(tenant, "7", "Sara");
        String channel = registerBot(agent);
        assertThat(webhook(channel, update(301, "Please call me at home"))).isEqualTo(200);
        String conversation = ConversationIds.forCustomer(tenant, Platform.TELEGRAM, channel, "777000222");
        await().atMost(Duration.ofSeconds(30))
                .until(() ->
                        stack.count("select count(*) from telegram.chats where conversation_id = ?", conversation) == 1
                                && stack.storedMessages(conversation).size() == 1);
        long customer =
                stack.count("select customer_id from conversations where id = ?::uuid", UUID.fromString(conversation));

        var erased = stack.messageServiceApi("DELETE", "/api/customers/" + customer, agent, null);
        assertThat(erased.statusCode()).as(erased.body()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(30))
                .until(() -> stack.count("select count(*) from telegram.chats where conversation_id = ?", conversation)
                        == 0);
        assertThat(stack.storedMessages(conversation)).containsExactly("1 customer ");
    }

    @Test
    void eachServiceShowsItsDomainMetersToPrometheus() throws Exception {
        String tenant = "tenant-" + UUID.randomUUID();
        String agent = RunningStack.token(tenant, "7", "Sara");
        String channel = registerBot(agent);
        assertThat(webhook(channel, "not the secret", update(401, "Who are you?")))
                .isEqualTo(401);
        try (TestSocket refused =
                TestSocket.connect("ws://localhost:" + stack.gateway(0) + "/ws/conversations/?token=forged")) {
            refused.next("error");
        }
        assertThat(webhook(channel, update(402, "Metered hello"))).isEqualTo(200);
        String conversation = ConversationIds.forCustomer(tenant, Platform.TELEGRAM, channel, "777000222");
        await().atMost(Duration.ofSeconds(30))
                .until(() -> stack.storedMessages(conversation).size() == 1);

        try (TestSocket chat = stack.chat(0, agent, conversation, null)) {
            chat.next(frame -> frame.path("type").asString().equals("recent_messages")
                    && frame.path("messages").size() == 1);
            chat.send("{\"type\":\"chat_message\",\"content\":\"Metered answer\"}");
            chat.next(
                    frame -> frame.path("external_send_result").path("success").asBoolean());
            chat.send("{\"type\":\"chat_message\",\"content\":\"blocked? metered\"}");
            chat.next(frame ->
                    frame.path("external_send_result").path("status").asString().equals("failed"));

            var gateway = new PrometheusText(RunningStack.prometheus(stack.gateway(0)));
            assertThat(gateway.sum("fiko_gateway_sockets", Map.of("endpoint", "chat")))
                    .isGreaterThanOrEqualTo(1);
            assertThat(gateway.sum("fiko_gateway_frames_total", Map.of("direction", "in")))
                    .isGreaterThanOrEqualTo(2);
            assertThat(gateway.sum("fiko_gateway_frames_total", Map.of("direction", "out")))
                    .isGreaterThanOrEqualTo(3);
            assertThat(gateway.sum("fiko_gateway_sockets_refused_total", Map.of("reason", "token")))
                    .isGreaterThanOrEqualTo(1);
            assertThat(gateway.has("fiko_gateway_sockets_closed_total", Map.of("reason", "slow_client")))
                    .isTrue();
            assertThat(gateway.has("fiko_gateway_sockets_closed_total", Map.of("reason", "rate_limit")))
                    .isTrue();
            assertServiceBasics(gateway, "ws-gateway");
        }

        var messageService = new PrometheusText(RunningStack.prometheus(stack.messageService()));
        assertThat(messageService.sum("fiko_messages_stored_total", Map.of("type", "customer")))
                .isGreaterThanOrEqualTo(1);
        assertThat(messageService.sum("fiko_messages_stored_total", Map.of("type", "support")))
                .isGreaterThanOrEqualTo(2);
        assertThat(messageService.sum("fiko_outbox_backlog")).isGreaterThanOrEqualTo(0);
        assertThat(messageService.sum("fiko_outbox_oldest_age_seconds")).isGreaterThanOrEqualTo(0);
        assertThat(messageService.sum("fiko_unread_streams_state", Map.of("state", "running")))
                .isEqualTo(1);
        assertThat(messageService.has("kafka_stream_thread_process_total", Map.of()))
                .as("Kafka Streams' own meters")
                .isTrue();
        assertServiceBasics(messageService, "message-service");

        var connector = new PrometheusText(RunningStack.prometheus(stack.telegramConnector()));
        assertThat(connector.sum("fiko_deliveries_total", Map.of("platform", "telegram", "outcome", "sent")))
                .isGreaterThanOrEqualTo(1);
        assertThat(connector.sum("fiko_deliveries_total", Map.of("platform", "telegram", "outcome", "failed")))
                .isGreaterThanOrEqualTo(1);
        assertThat(connector.sum(
                        "http_client_requests_seconds_count",
                        Map.of("platform", "telegram", "uri", "/bot{token}/sendMessage", "status", "403")))
                .as("the platform's refusals, by status")
                .isGreaterThanOrEqualTo(1);
        assertThat(connector.sum("fiko_webhooks_refused_total", Map.of("platform", "telegram", "status", "401")))
                .isGreaterThanOrEqualTo(1);
        assertThat(connector.sum("fiko_intake_update_seconds_count")).isGreaterThanOrEqualTo(1);
        assertServiceBasics(connector, "connector-telegram");
        assertThat(connector.text() + messageService.text())
                .as("no bot token in any meter")
                .doesNotContain(
                        tokens.get(channel).substring(tokens.get(channel).indexOf(':')));
    }

    @Test
    void oneTraceRunsFromTheWebhookThroughEveryServiceToTheSocketAndFromTheAgentToTheBotApi() throws Exception {
        String traceId = UUID.randomUUID().toString().replace("-", "");
        String tenant = "tenant-" + UUID.randomUUID();
        String agent = RunningStack.token(tenant, "7", "Sara");
        String channel = registerBot(agent);
        String connector = "net.fiko.connector.telegram.inbound.UpdateIntake";
        String relay = "net.fiko.message.outbox.OutboxRelay";
        String fanout = "net.fiko.gateway.fanout.ConversationFanout";
        String delivery = "net.fiko.connector.kit.delivery.Job";
        String command = "net.fiko.gateway.endpoint.CommandPublisher";
        try (var logs = new LogCapture(connector, relay, fanout, delivery, command);
                TestSocket list = stack.list(0, agent)) {
            list.next("conversations_list");
            // As a proxy in front of the connector that starts traces would send it; sampled.
            assertThat(webhook(
                            channel,
                            secrets.get(channel),
                            update(501, "Traced hello"),
                            "traceparent",
                            "00-" + traceId + "-00f067aa0ba902b7-01"))
                    .isEqualTo(200);
            assertThat(list.next("new_customer_message")
                            .path("message")
                            .path("content")
                            .asString())
                    .isEqualTo("Traced hello");
            assertEachLogged(logs, List.of(connector, relay, fanout), traceId);
            assertThat(logs.lines(fanout, "traceId", traceId))
                    .allSatisfy(line -> assertThat(line.getMDCPropertyMap())
                            .containsEntry("tenant", tenant)
                            .containsKey("conversation")
                            .containsKey("event"));

            String conversation = ConversationIds.forCustomer(tenant, Platform.TELEGRAM, channel, "777000222");
            try (TestSocket chat = stack.chat(0, agent, conversation, null)) {
                chat.next("recent_messages");
                chat.send("{\"type\":\"chat_message\",\"content\":\"Traced answer\"}");
                chat.next(frame ->
                        frame.path("external_send_result").path("success").asBoolean());
            }
            String sentIn = sentTraces.get("Traced answer");
            assertThat(sentIn).as("the Bot API call's traceparent").matches("00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]");
            String replyTrace = sentIn.substring(3, 35);
            assertEachLogged(logs, List.of(command, relay, delivery), replyTrace);
            assertThat(logs.lines(command, "traceId", replyTrace))
                    .allSatisfy(line -> assertThat(line.getMDCPropertyMap())
                            .containsEntry("tenant", tenant)
                            .containsEntry("user", "7")
                            .containsEntry("conversation", conversation));
        }
    }

    @Test
    void aCustomersPhotoShouldOpenAtItsUrlForTheTenantsAgentsOnlyAndComeFromTelegramOnce() throws Exception {
        String tenant = "tenant-" + UUID.randomUUID();
        String agent = RunningStack.token(tenant, "7", "Sara");
        String channel = registerBot(agent);
        String fileId = "AgACAgIAAxkBAAIB" + UUID.randomUUID().toString().replace("-", "");
        JsonNode attachment = firstAttachmentShown(agent, channel, """
                            {"update_id": 601, "message": {"message_id": 601, "date": 1795600000, "caption": "Broken",
                             "from": {"id": 777000333, "is_bot": false, "first_name": "Lea"},
                             "chat": {"id": 777000333, "type": "private"},
                             "photo": [{"file_id": "%s", "file_unique_id": "u", "width": 1280, "height": 960,
                                        "file_size": %d}]}}""".formatted(fileId, PHOTO.length));
        assertThat(attachment.path("kind").asString()).isEqualTo("photo");
        assertThat(attachment.path("width").asInt()).isEqualTo(1280);
        String path = "/api/media/telegram/" + channel + "/" + fileId;
        assertThat(attachment.path("url").asString()).endsWith(path);

        HttpResponse<byte[]> whole = media(path + "?token=" + agent, Map.of());
        assertThat(whole.statusCode()).isEqualTo(200);
        assertThat(whole.headers().firstValue("Content-Type")).hasValue("image/jpeg");
        assertThat(whole.body()).isEqualTo(PHOTO);

        HttpResponse<byte[]> range = media(path, Map.of("Authorization", "Bearer " + agent, "Range", "bytes=100-199"));
        assertThat(range.statusCode()).isEqualTo(206);
        assertThat(range.headers().firstValue("Content-Range")).hasValue("bytes 100-199/" + PHOTO.length);
        assertThat(range.body()).isEqualTo(java.util.Arrays.copyOfRange(PHOTO, 100, 200));

        String stranger = RunningStack.token("tenant-" + UUID.randomUUID(), "7", "Eve");
        assertThat(media(path + "?token=" + stranger, Map.of()).statusCode())
                .as("another tenant's agent")
                .isEqualTo(404);
        assertThat(media(path, Map.of()).statusCode()).as("no token").isEqualTo(401);
        assertThat(downloads.get(fileId + ".jpg"))
                .as("downloads from Telegram: %s", downloads)
                .isEqualTo(1);
    }

    @Test
    void aVoiceNoteShouldOpenAsAudioAndStreamByRanges() throws Exception {
        String tenant = "tenant-" + UUID.randomUUID();
        String agent = RunningStack.token(tenant, "7", "Sara");
        String channel = registerBot(agent);
        String fileId = "voice-AwACAgIAAxkBAAIC" + UUID.randomUUID().toString().replace("-", "");
        JsonNode attachment = firstAttachmentShown(agent, channel, """
                            {"update_id": 602, "message": {"message_id": 602, "date": 1795600000,
                             "from": {"id": 777000444, "is_bot": false, "first_name": "Noor"},
                             "chat": {"id": 777000444, "type": "private"},
                             "voice": {"file_id": "%s", "file_unique_id": "v", "duration": 7, "mime_type": "audio/ogg",
                                       "file_size": %d}}}""".formatted(fileId, PHOTO.length));
        assertThat(attachment.path("kind").asString()).isEqualTo("voice");
        assertThat(attachment.path("duration_seconds").asInt()).isEqualTo(7);
        String url = attachment.path("url").asString();
        String path = url.substring(url.indexOf("/api/media/"));

        HttpResponse<byte[]> start = media(path + "?token=" + agent, Map.of("Range", "bytes=0-1023"));
        assertThat(start.statusCode()).isEqualTo(206);
        assertThat(start.headers().firstValue("Content-Type")).hasValue("audio/ogg");
        assertThat(start.body()).isEqualTo(java.util.Arrays.copyOfRange(PHOTO, 0, 1024));
        HttpResponse<byte[]> rest = media(path + "?token=" + agent, Map.of("Range", "bytes=1024-"));
        assertThat(rest.statusCode()).isEqualTo(206);
        assertThat(rest.body()).isEqualTo(java.util.Arrays.copyOfRange(PHOTO, 1024, PHOTO.length));
    }

    @Test
    void anAgentsFileShouldBeTakenByWhatItsBytesAreAndADisguisedOrOversizedOneRefused() throws Exception {
        String agent = RunningStack.token("tenant-" + UUID.randomUUID(), "7", "Sara");
        byte[] jpeg = java.util.Arrays.copyOf(new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0}, 700);
        byte[] exe = java.util.Arrays.copyOf(new byte[] {'M', 'Z', (byte) 0x90, 0}, 700);
        byte[] pdf = java.util.Arrays.copyOf("%PDF-1.7\n".getBytes(StandardCharsets.US_ASCII), 700);

        HttpResponse<String> photo = upload(agent, "image/jpeg", "box.jpg", jpeg);
        assertThat(photo.statusCode()).as(photo.body()).isEqualTo(201);
        JsonNode kept = EventJson.mapper().readTree(photo.body());
        assertThat(kept.path("kind").asString()).isEqualTo("photo");
        assertThat(kept.path("mime_type").asString()).isEqualTo("image/jpeg");
        assertThat(kept.path("size_bytes").asLong()).isEqualTo(700);
        assertThat(kept.path("file_name").asString()).isEqualTo("box.jpg");

        HttpResponse<String> disguised = upload(agent, "image/jpeg", "holiday.jpg", exe);
        assertThat(disguised.statusCode()).isEqualTo(415);
        assertThat(EventJson.mapper().readTree(disguised.body()).path("message").asString())
                .contains("cannot be sent");
        HttpResponse<String> mislabelled = upload(agent, "image/png", "photo.png", pdf);
        assertThat(mislabelled.statusCode()).isEqualTo(415);
        assertThat(mislabelled.body()).contains("it is application/pdf");
        assertThat(upload(null, "image/jpeg", "box.jpg", jpeg).statusCode()).isEqualTo(401);
        HttpResponse<String> tooLarge =
                upload(agent, "image/jpeg", "huge.jpg", java.util.Arrays.copyOf(jpeg, 20 * 1024 * 1024 + 1));
        assertThat(tooLarge.statusCode()).isEqualTo(413);
        assertThat(EventJson.mapper().readTree(tooLarge.body()).path("message").asString())
                .isEqualTo("The file is larger than 20 MB, the most that can be sent");
    }

    @Test
    void anAgentsPhotoAndPdfShouldReachTheCustomerAsTelegramsPhotoAndDocumentAndOpenForTheTenantOnly()
            throws Exception {
        String tenant = "tenant-" + UUID.randomUUID();
        String agent = RunningStack.token(tenant, "7", "Sara");
        String channel = registerBot(agent);
        try (TestSocket list = stack.list(0, agent)) {
            list.next("conversations_list");
            assertThat(webhook(channel, update(701, "Can you send the invoice?")))
                    .isEqualTo(200);
            list.next("new_customer_message");
        }
        byte[] jpeg = jpeg();
        byte[] pdf = pdf();
        JsonNode photo = EventJson.mapper()
                .readTree(upload(agent, "image/jpeg", "box.jpg", jpeg).body());
        JsonNode invoice = EventJson.mapper()
                .readTree(upload(agent, "application/pdf", "invoice.pdf", pdf).body());
        String conversation = ConversationIds.forCustomer(tenant, Platform.TELEGRAM, channel, "777000222");

        try (TestSocket chat = stack.chat(0, agent, conversation, null)) {
            chat.next("recent_messages");
            // The upload's answers, as they came: what a client does with them.
            chat.send("{\"type\":\"chat_message\",\"content\":\"Your invoice, and the box it came in\","
                    + "\"client_msg_id\":\"files-1\",\"attachments\":[" + photo + "," + invoice + "]}");

            JsonNode delivered = chat.next("chat_message");
            assertThat(delivered.path("external_send_result").path("success").asBoolean())
                    .as(delivered.toString())
                    .isTrue();
            JsonNode shown = delivered.path("message").path("attachments");
            assertThat(shown).hasSize(2);
            assertThat(shown.get(0).path("kind").asString()).isEqualTo("photo");
            assertThat(shown.get(1).path("file_name").asString()).isEqualTo("invoice.pdf");
            String url = shown.get(1).path("url").asString();
            assertThat(url)
                    .endsWith(
                            "/api/media/telegram/uploads/" + invoice.path("id").asString());

            SentFile sentPhoto = filesSent.stream()
                    .filter(file -> file.method().equals("sendPhoto"))
                    .findFirst()
                    .orElseThrow();
            assertThat(sentPhoto.field("chat_id")).isEqualTo("777000222");
            assertThat(sentPhoto.field("caption")).isEqualTo("Your invoice, and the box it came in");
            assertThat(sentPhoto.contentType("photo")).isEqualTo("image/jpeg");
            assertThat(sentPhoto.bytes("photo")).isEqualTo(jpeg);
            SentFile sentPdf = filesSent.stream()
                    .filter(file -> file.method().equals("sendDocument"))
                    .findFirst()
                    .orElseThrow();
            assertThat(sentPdf.bytes("document")).isEqualTo(pdf);
            assertThat(sentPdf.fileName("document")).isEqualTo("invoice.pdf");
            assertThat(sentPdf.field("caption"))
                    .as("the caption goes with the first file")
                    .isNull();

            String path = url.substring(url.indexOf("/api/media/"));
            HttpResponse<byte[]> opened = media(path + "?token=" + agent, Map.of());
            assertThat(opened.statusCode()).isEqualTo(200);
            assertThat(opened.headers().firstValue("Content-Type")).hasValue("application/pdf");
            assertThat(opened.body()).isEqualTo(pdf);
            String stranger = RunningStack.token("tenant-" + UUID.randomUUID(), "7", "Eve");
            assertThat(media(path + "?token=" + stranger, Map.of()).statusCode())
                    .as("another tenant's agent")
                    .isEqualTo(404);

            // An upload this connector does not keep fails with a reason, without a call to Telegram.
            int calls = filesSent.size();
            chat.send("{\"type\":\"chat_message\",\"attachments\":[{\"id\":\"upload-" + UUID.randomUUID()
                    + "\",\"kind\":\"photo\",\"file_name\":\"gone.jpg\"}]}");
            JsonNode result = chat.nextDeliveryResult();
            assertThat(result.path("success").asBoolean()).isFalse();
            assertThat(result.path("error").asString()).contains("gone.jpg", "upload it again");
            assertThat(filesSent).hasSize(calls);
        }
    }

    /** A file sent to the Bot API as a multipart form: its method and its parts. */
    record SentFile(String method, Map<String, String> headers, Map<String, byte[]> parts) {

        String field(String name) {
            return parts.containsKey(name) ? new String(parts.get(name), StandardCharsets.UTF_8) : null;
        }

        byte[] bytes(String name) {
            return parts.get(name);
        }

        String contentType(String name) {
            return headers.get(name + ":Content-Type");
        }

        String fileName(String name) {
            String disposition = headers.get(name + ":Content-Disposition");
            int start = disposition.indexOf("filename=\"") + "filename=\"".length();
            return disposition.substring(start, disposition.indexOf('"', start));
        }
    }

    /** Reads a sendPhoto, sendDocument, … form, as the Bot API does, and answers with the sent message's id. */
    private MockResponse fileSent(RecordedRequest request) {
        String type = request.getHeaders().get("Content-Type");
        String boundary =
                type.substring(type.indexOf("boundary=") + "boundary=".length()).replace("\"", "");
        Map<String, String> headers = new ConcurrentHashMap<>();
        Map<String, byte[]> parts = new ConcurrentHashMap<>();
        try (var reader = new okhttp3.MultipartReader(new okio.Buffer().write(request.getBody()), boundary)) {
            for (var part = reader.nextPart(); part != null; part = reader.nextPart()) {
                String disposition = part.headers().get("Content-Disposition");
                int start = disposition.indexOf("name=\"") + "name=\"".length();
                String name = disposition.substring(start, disposition.indexOf('"', start));
                headers.put(name + ":Content-Disposition", disposition);
                if (part.headers().get("Content-Type") != null) {
                    headers.put(name + ":Content-Type", part.headers().get("Content-Type"));
                }
                parts.put(name, part.body().readByteArray());
            }
        } catch (java.io.IOException e) {
            return json(400, "{\"ok\":false,\"error_code\":400,\"description\":\"Bad Request: bad form\"}");
        }
        String target = request.getTarget();
        filesSent.add(new SentFile(target.substring(target.lastIndexOf('/') + 1), headers, parts));
        return json(200, "{\"ok\":true,\"result\":{\"message_id\":" + (900 + filesSent.size()) + "}}");
    }

    /** A JPEG's first bytes, then bytes that differ from one offset to the next. */
    private static byte[] jpeg() {
        byte[] bytes = photo();
        bytes[0] = (byte) 0xFF;
        bytes[1] = (byte) 0xD8;
        bytes[2] = (byte) 0xFF;
        return bytes;
    }

    private static byte[] pdf() {
        byte[] bytes = photo();
        byte[] head = "%PDF-1.7\n".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(head, 0, bytes, 0, head.length);
        return bytes;
    }

    private HttpResponse<String> upload(String agent, String type, String name, byte[] bytes) throws Exception {
        var request = HttpRequest.newBuilder(URI.create(
                        "http://localhost:" + stack.telegramConnector() + "/api/media/telegram/uploads?name=" + name))
                .header("Content-Type", type)
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes));
        if (agent != null) {
            request.header("Authorization", "Bearer " + agent);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The first attachment of the message an update brings, as the agent's list is shown it. */
    private JsonNode firstAttachmentShown(String agent, String channel, String update) throws Exception {
        try (TestSocket list = stack.list(0, agent)) {
            list.next("conversations_list");
            assertThat(webhook(channel, update)).isEqualTo(200);
            return list.next("new_customer_message")
                    .path("message")
                    .path("attachments")
                    .get(0);
        }
    }

    private HttpResponse<byte[]> media(String pathAndQuery, Map<String, String> headers) throws Exception {
        var request =
                HttpRequest.newBuilder(URI.create("http://localhost:" + stack.telegramConnector() + pathAndQuery));
        headers.forEach(request::header);
        return HttpClient.newHttpClient().send(request.GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** A few KB that differ from one offset to the next, so a wrong range cannot look right. */
    private static byte[] photo() {
        byte[] bytes = new byte[3000];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) (i * 31 + i / 256);
        }
        return bytes;
    }

    /** Each logger wrote a line in the trace, within seconds (the relay and the fan-out run after the answer). */
    private static void assertEachLogged(LogCapture logs, List<String> loggers, String traceId) {
        for (String logger : loggers) {
            await().atMost(Duration.ofSeconds(10))
                    .untilAsserted(() -> assertThat(logs.lines(logger, "traceId", traceId))
                            .as(() -> "a line of " + logger + " in trace " + traceId + ":\n" + logs.all())
                            .isNotEmpty());
        }
    }

    /** What every service shows: its build, its consumers' lag, its HTTP server, and the application tag. */
    private static void assertServiceBasics(PrometheusText scrape, String application) {
        assertThat(scrape.sum("fiko_build_info", Map.of("application", application)))
                .isEqualTo(1);
        assertThat(scrape.has("kafka_consumer_fetch_manager_records_lag_max", Map.of("application", application)))
                .as("consumer lag of %s", application)
                .isTrue();
        assertThat(scrape.has("jvm_memory_used_bytes", Map.of("application", application)))
                .isTrue();
    }

    private void assertShownWithin(TestSocket list, String channel, int updateId, String text) throws Exception {
        long start = System.nanoTime();
        assertThat(webhook(channel, update(updateId, text))).isEqualTo(200);
        list.next(frame -> frame.path("type").asString().equals("new_customer_message")
                && frame.path("message").path("content").asString().equals(text));
        assertThat(Duration.ofNanos(System.nanoTime() - start))
                .as("\"%s\" shown to the agent", text)
                .isLessThan(Duration.ofSeconds(2));
    }

    /** Declares a 512 MiB body and sends none of it: the answer's status line. */
    private String oversizeWebhook(String channel) throws Exception {
        try (Socket socket = new Socket("localhost", stack.telegramConnector())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream()
                    .write(("POST /webhooks/telegram/" + channel + " HTTP/1.1\r\nHost: localhost\r\n"
                                    + "Content-Type: application/json\r\nX-Telegram-Bot-Api-Secret-Token: "
                                    + secrets.get(channel)
                                    + "\r\nContent-Length: 536870912\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
            return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
                    .readLine();
        }
    }

    private static String update(int updateId, String text) {
        return "{\"update_id\": " + updateId + ", \"message\": {\"message_id\": " + updateId
                + ", \"date\": 1795600000, \"text\": \"" + text + "\","
                + " \"from\": {\"id\": 777000222, \"is_bot\": false, \"first_name\": \"Mina\"},"
                + " \"chat\": {\"id\": 777000222, \"type\": \"private\"}}}";
    }

    private String registerBot(String agentToken) throws Exception {
        String token =
                (4242 + tokens.size()) + ":AAH" + UUID.randomUUID().toString().replace("-", "");
        HttpResponse<String> created = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(
                                        "http://localhost:" + stack.telegramConnector() + "/api/telegram/channels"))
                                .header("Authorization", "Bearer " + agentToken)
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString("{\"token\":\"" + token + "\"}"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String id = EventJson.mapper().readTree(created.body()).path("id").asString();
        RecordedRequest setWebhook = null;
        while (setWebhook == null || !setWebhook.getTarget().endsWith("/setWebhook")) {
            setWebhook = telegram.takeRequest();
        }
        secrets.put(
                id,
                EventJson.mapper()
                        .readTree(setWebhook.getBody().utf8())
                        .path("secret_token")
                        .asString());
        tokens.put(id, token);
        return id;
    }

    private int webhook(String channel, String update) throws Exception {
        return webhook(channel, secrets.get(channel), update);
    }

    private int webhook(String channel, String secret, String update, String... headers) throws Exception {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + stack.telegramConnector()
                                        + "/webhooks/telegram/" + channel))
                                .headers(headers.length == 0 ? new String[] {"X-Fiko-Test", "1"} : headers)
                                .header("Content-Type", "application/json")
                                .header("X-Telegram-Bot-Api-Secret-Token", secret)
                                .POST(HttpRequest.BodyPublishers.ofString(update))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .statusCode();
    }

    private static MockResponse json(int status, String body) {
        return new MockResponse.Builder()
                .code(status)
                .addHeader("Content-Type", "application/json")
                .body(body)
                .build();
    }
}
