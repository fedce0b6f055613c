package net.fiko.connector.telegram.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import net.fiko.dev.DevTokens;
import net.fiko.events.Agent;
import net.fiko.events.EventJson;
import net.fiko.events.Topics;
import net.fiko.events.delivery.DeliveryFailed;
import net.fiko.events.delivery.DeliveryResult;
import net.fiko.events.delivery.DeliverySucceeded;
import net.fiko.events.ephemeral.TypingChanged;
import net.fiko.events.outbound.ReplyRequested;
import net.fiko.testsupport.DeadLetterRecorder;
import net.fiko.testsupport.FikoTestProperties;
import net.fiko.testsupport.TopicRecorder;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/** Agents' replies through a local server that answers like the Bot API, on a real broker and database. */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.config.name=connector-telegram")
class ReplyDeliveryTest {

    static final MockWebServer TELEGRAM = new MockWebServer();
    static final ConcurrentLinkedQueue<JsonNode> SENT = new ConcurrentLinkedQueue<>();
    static final Map<String, Integer> LIMITED = new ConcurrentHashMap<>();
    static final AtomicLong IDS = new AtomicLong(1000);
    static final ConcurrentLinkedQueue<JsonNode> CHAT_ACTIONS = new ConcurrentLinkedQueue<>();

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) throws Exception {
        TELEGRAM.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                String target = request.getTarget();
                if (target.endsWith("/getMe")) {
                    return json(200, "{\"ok\":true,\"result\":{\"id\":42,\"is_bot\":true,\"username\":\"shop_bot\"}}");
                }
                if (target.endsWith("/sendChatAction")) {
                    var action = (tools.jackson.databind.node.ObjectNode)
                            EventJson.mapper().readTree(request.getBody().utf8());
                    CHAT_ACTIONS.add(action.put("received_at_ms", System.currentTimeMillis()));
                }
                if (!target.endsWith("/sendMessage")) {
                    return json(200, "{\"ok\":true,\"result\":true}");
                }
                JsonNode body = EventJson.mapper().readTree(request.getBody().utf8());
                String text = body.path("text").asString();
                if (text.startsWith("blocked")) {
                    return json(
                            403,
                            "{\"ok\":false,\"error_code\":403,\"description\":\"Forbidden: bot was blocked by the user\"}");
                }
                if (text.startsWith("chatless")) {
                    return json(
                            400, "{\"ok\":false,\"error_code\":400,\"description\":\"Bad Request: chat not found\"}");
                }
                if (text.startsWith("deactivated")) {
                    return json(
                            403,
                            "{\"ok\":false,\"error_code\":403,\"description\":\"Forbidden: user is deactivated\"}");
                }
                if (text.startsWith("revoked")) {
                    return json(401, "{\"ok\":false,\"error_code\":401,\"description\":\"Unauthorized\"}");
                }
                if (text.startsWith("outage")) {
                    return json(500, "{\"ok\":false,\"error_code\":500,\"description\":\"Internal Server Error\"}");
                }
                if (text.startsWith("flaky") && LIMITED.merge(text, 1, Integer::sum) == 1) {
                    return json(502, "<html>Bad Gateway</html>");
                }
                if (text.startsWith("limited") && LIMITED.merge(text, 1, Integer::sum) == 1) {
                    return json(
                            429,
                            "{\"ok\":false,\"error_code\":429,\"description\":\"Too Many Requests: retry after 1\","
                                    + "\"parameters\":{\"retry_after\":1}}");
                }
                SENT.add(body);
                return json(200, "{\"ok\":true,\"result\":{\"message_id\":" + IDS.incrementAndGet() + "}}");
            }
        });
        TELEGRAM.start();
        FikoTestProperties.kafka(registry);
        FikoTestProperties.postgres(registry, "telegram_outbound");
        registry.add("fiko.telegram.api-base-url", () -> TELEGRAM.url("/").toString());
        registry.add("fiko.delivery.retry-for", () -> "3s");
    }

    @AfterAll
    static void stopTelegram() {
        TELEGRAM.close();
    }

    @LocalServerPort
    int port;

    @Autowired
    KafkaTemplate<String, byte[]> kafka;

    @Value("${spring.kafka.consumer.group-id}")
    String groupId;

    @Value("${spring.kafka.bootstrap-servers}")
    String bootstrapServers;

    @Autowired
    JdbcTemplate jdbc;

    TopicRecorder<DeliveryResult> results;
    String tenant;
    String channel;

    @BeforeEach
    void registerABot() throws Exception {
        results = new TopicRecorder<>(Topics.DELIVERY_RESULTS);
        tenant = "tenant-" + UUID.randomUUID();
        String token = DevTokens.access(FikoTestProperties.JWT_SECRET, "1", tenant, "Owner", Duration.ofMinutes(5));
        HttpResponse<String> created = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/telegram/channels"))
                                .header("Authorization", "Bearer " + token)
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString("{\"token\":\"4242:AAH"
                                        + UUID.randomUUID().toString().replace("-", "") + "\"}"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        channel = EventJson.mapper().readTree(created.body()).path("id").asString();
    }

    @AfterEach
    void close() {
        results.close();
    }

    @Test
    void shouldSendTheReplyToTheCustomersChatAndReportItOnceSent() {
        ReplyRequested reply = reply("9007199254740993", "It ships today.");
        publish(reply);

        DeliverySucceeded result = await(DeliverySucceeded.class, reply);
        assertThat(result.platformMessageId()).isNotBlank();
        assertThat(result.attempts()).isEqualTo(1);
        assertThat(sentTexts("It ships today.")).hasSize(1);
        JsonNode sent = SENT.stream()
                .filter(s -> s.path("text").asString().equals("It ships today."))
                .findFirst()
                .orElseThrow();
        assertThat(sent.path("chat_id").asLong()).isEqualTo(9_007_199_254_740_993L);

        publish(reply);
        results.awaitEvents(DeliverySucceeded.class, r -> r.messageId().equals(reply.messageId()), 2);
        assertThat(sentTexts("It ships today.")).hasSize(1);
    }

    @Test
    void shouldDeadLetterARecordThatIsNoEventAndDeliverTheNext() {
        ReplyRequested reply = reply("9007199254740993", "after the garbage " + UUID.randomUUID());
        String garbage = "{\"type\":\"reply_requested\",\"content\":[" + UUID.randomUUID() + "]}";
        try (DeadLetterRecorder deadLetters = new DeadLetterRecorder(Topics.OUTBOUND_TELEGRAM)) {
            kafka.send(Topics.OUTBOUND_TELEGRAM.name(), reply.partitionKey(), garbage.getBytes(StandardCharsets.UTF_8))
                    .join();
            publish(reply);

            await(DeliverySucceeded.class, reply);
            assertThat(DeadLetterRecorder.header(deadLetters.awaitValue(garbage), "kafka_dlt-original-topic"))
                    .isEqualTo(Topics.OUTBOUND_TELEGRAM.name());
        }
        // The typing relay reads the gateways' ephemeral stream: a record there that is no event goes the same way.
        String ephemeralGarbage = "{not a typing event " + UUID.randomUUID();
        try (DeadLetterRecorder deadLetters = new DeadLetterRecorder(Topics.EPHEMERAL)) {
            kafka.send(Topics.EPHEMERAL.name(), reply.partitionKey(), ephemeralGarbage.getBytes(StandardCharsets.UTF_8))
                    .join();

            deadLetters.awaitMatching(
                    record -> ephemeralGarbage.equals(new String(record.value(), StandardCharsets.UTF_8))
                            && (groupId + ".typing")
                                    .equals(DeadLetterRecorder.header(record, "kafka_dlt-original-consumer-group")));
        }
        // And the relay goes on: the agent's typing after it reaches the customer's chat.
        Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(300))
                .until(() -> {
                    typing(tenant, reply.conversationId(), true, Duration.ofSeconds(6));
                    return !chatActions(9_007_199_254_740_993L).isEmpty();
                });
    }

    @Test
    void shouldFailAReplyWhoseCallWasUnderWayWhenTheConnectorDiedRatherThanSendItTwice() {
        ReplyRequested reply = reply("9007199254740993", "in doubt " + UUID.randomUUID());
        // What a connector killed mid-call leaves: the row written before the call, no answer after it.
        ledgerRow(reply, "", "calling");
        publish(reply);

        DeliveryFailed failed = await(DeliveryFailed.class, reply);
        assertThat(failed.errorCode()).isEqualTo(DeliveryFailed.IN_DOUBT);
        assertThat(failed.reason()).contains("cannot tell whether it reached the customer");
        assertThat(sentTexts(reply.content())).isEmpty();

        publish(reply);
        results.awaitEvents(DeliveryFailed.class, r -> r.messageId().equals(reply.messageId()), 2);
        assertThat(sentTexts(reply.content())).isEmpty();
    }

    @Test
    void shouldSendOnlyThePartsLeftOfALongReplyCutShortBetweenItsParts() {
        String first = "first " + UUID.randomUUID();
        String second = "second " + UUID.randomUUID();
        ReplyRequested reply = reply("9007199254740993", first + "x".repeat(4096 - first.length()) + second);
        ledgerRow(reply, "777", "partial");
        publish(reply);

        DeliverySucceeded result = await(DeliverySucceeded.class, reply);
        assertThat(sentTexts(second)).hasSize(1);
        assertThat(SENT.stream().filter(s -> s.path("text").asString().startsWith(first)))
                .isEmpty();
        assertThat(ledger(reply)).isEqualTo("sent " + "777," + result.platformMessageId());
    }

    @Test
    void shouldLeaveNoCallUnderWayInTheLedgerOnceTelegramAnswered() {
        ReplyRequested sent = reply("559", "flaky " + UUID.randomUUID());
        ReplyRequested refused = reply("555", "blocked " + UUID.randomUUID());
        publish(sent);
        publish(refused);

        DeliverySucceeded succeeded = await(DeliverySucceeded.class, sent);
        await(DeliveryFailed.class, refused);
        assertThat(ledger(sent)).isEqualTo("sent " + succeeded.platformMessageId());
        assertThat(ledger(refused)).isNull();
    }

    @Test
    void shouldFailAtOnceWithAReasonWhenTheCustomerBlockedTheBot() {
        ReplyRequested reply = reply("555", "blocked? " + UUID.randomUUID());
        publish(reply);

        DeliveryFailed failed = await(DeliveryFailed.class, reply);
        assertThat(failed.reason()).isEqualTo("The customer blocked the bot");
        assertThat(failed.attempts()).isEqualTo(1);
    }

    @Test
    void shouldFailAtOnceWhenTheChatIsGoneOrTheUserCannotReceive() {
        ReplyRequested chatless = reply("556", "chatless " + UUID.randomUUID());
        ReplyRequested deactivated = reply("557", "deactivated " + UUID.randomUUID());
        publish(chatless);
        publish(deactivated);

        DeliveryFailed notFound = await(DeliveryFailed.class, chatless);
        assertThat(notFound.reason()).isEqualTo("The customer's chat was not found");
        assertThat(notFound.attempts()).isEqualTo(1);
        DeliveryFailed cannotReceive = await(DeliveryFailed.class, deactivated);
        assertThat(cannotReceive.reason()).isEqualTo("The customer can't receive messages from the bot");
        assertThat(cannotReceive.attempts()).isEqualTo(1);
    }

    @Test
    void shouldMarkTheChannelDisconnectedWhenTelegramRevokedTheToken() {
        ReplyRequested revoked = reply("558", "revoked " + UUID.randomUUID());
        publish(revoked);

        DeliveryFailed failed = await(DeliveryFailed.class, revoked);
        assertThat(failed.reason()).isEqualTo("The bot's token was revoked; reconnect the bot");
        assertThat(failed.attempts()).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT status FROM channels WHERE id = ?", String.class, channel))
                .isEqualTo("disconnected");

        ReplyRequested next = reply("558", "It ships today, " + UUID.randomUUID());
        publish(next);
        assertThat(await(DeliveryFailed.class, next).reason()).isEqualTo("The bot is no longer connected");
        assertThat(sentTexts(next.content())).isEmpty();
    }

    @Test
    void shouldBackOffAndRetryWhenTelegramHasAServerError() {
        ReplyRequested reply = reply("559", "flaky " + UUID.randomUUID());
        Instant start = Instant.now();
        publish(reply);

        DeliverySucceeded result = await(DeliverySucceeded.class, reply);
        assertThat(result.attempts()).isEqualTo(2);
        assertThat(Duration.between(start, Instant.now())).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
        assertThat(sentTexts(reply.content())).hasSize(1);
    }

    @Test
    void shouldRetryAServerErrorForTheRetryTimeThenFailWithTelegramsReason() {
        ReplyRequested reply = reply("560", "outage " + UUID.randomUUID());
        Instant start = Instant.now();
        publish(reply);

        DeliveryFailed result = await(DeliveryFailed.class, reply);
        // 1 s, 2 s, then past the 3 s this test allows: three attempts, the last one after 3 s.
        assertThat(result.attempts()).isEqualTo(3);
        assertThat(Duration.between(start, Instant.now())).isGreaterThanOrEqualTo(Duration.ofSeconds(3));
        assertThat(result.reason()).isNotBlank();
        assertThat(sentTexts(reply.content())).isEmpty();
    }

    @Test
    void aChatWithABacklogShouldNotHoldTheOtherChatsBehindItsOneMessageASecond() {
        String run = UUID.randomUUID().toString();
        List<ReplyRequested> backlog = new ArrayList<>();
        for (int i = 1; i <= 4; i++) {
            backlog.add(reply("7001", "backlog " + i + " " + run));
        }
        backlog.add(reply("7002", "other chat " + run));
        // All on one partition, the backlog first: as a poll brings them after an outage.
        for (ReplyRequested reply : backlog) {
            kafka.send(Topics.OUTBOUND_TELEGRAM.name(), 0, reply.partitionKey(), EventJson.toBytes(reply))
                    .join();
        }

        Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .until(() -> SENT.stream()
                                .filter(sent -> sent.path("text").asString().endsWith(run))
                                .count()
                        == 5);
        List<String> order = SENT.stream()
                .map(sent -> sent.path("text").asString())
                .filter(text -> text.endsWith(run))
                .toList();
        assertThat(order)
                .containsExactly(
                        "backlog 1 " + run,
                        "other chat " + run,
                        "backlog 2 " + run,
                        "backlog 3 " + run,
                        "backlog 4 " + run);
    }

    @Test
    void shouldCommitAPartitionPastItsRepliesOnlyOnceEveryOneIsFinished() throws Exception {
        String run = UUID.randomUUID().toString();
        TopicPartition partition = new TopicPartition(Topics.OUTBOUND_TELEGRAM.name(), 1);
        List<ReplyRequested> replies = List.of(
                reply("7101", "first " + run),
                reply("7101", "second " + run),
                reply("7101", "third " + run),
                reply("7102", "other chat " + run));
        for (ReplyRequested reply : replies) {
            kafka.send(partition.topic(), partition.partition(), reply.partitionKey(), EventJson.toBytes(reply))
                    .join();
        }

        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            long end = admin.listOffsets(Map.of(partition, OffsetSpec.latest()))
                    .partitionResult(partition)
                    .get()
                    .offset();
            // The other chat's reply finishes first, two seconds before the backlog's last: no commit passes it early.
            await(DeliverySucceeded.class, replies.get(3));
            assertThat(committed(admin, partition)).isLessThan(end);
            replies.forEach(reply -> await(DeliverySucceeded.class, reply));
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> committed(admin, partition) == end);
        }
    }

    private long committed(Admin admin, TopicPartition partition) throws Exception {
        OffsetAndMetadata committed = admin.listConsumerGroupOffsets(groupId + ".outbound")
                .partitionsToOffsetAndMetadata()
                .get()
                .get(partition);
        return committed == null ? -1 : committed.offset();
    }

    @Test
    void shouldWaitWhatTelegramAsksWhenRateLimitedThenSend() {
        ReplyRequested reply = reply("555", "limited " + UUID.randomUUID());
        Instant start = Instant.now();
        publish(reply);

        DeliverySucceeded result = await(DeliverySucceeded.class, reply);
        assertThat(result.attempts()).isEqualTo(2);
        assertThat(Duration.between(start, Instant.now())).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void shouldSplitATextOver4096CharactersInOrder() {
        String marker = UUID.randomUUID().toString();
        String text = marker + "a".repeat(5000 - marker.length());
        publish(reply("555", text));

        await(DeliverySucceeded.class, null);
        List<String> parts = SENT.stream()
                .map(s -> s.path("text").asString())
                .filter(t -> t.startsWith(marker) || (t.startsWith("a") && t.length() == 904))
                .toList();
        assertThat(parts).hasSize(2);
        assertThat(parts.get(0)).hasSize(4096).startsWith(marker);
        assertThat(parts.get(1)).hasSize(904);
    }

    @Test
    void shouldShowAnAgentsTypingInTheCustomersChatAtMostEveryFourSeconds() throws Exception {
        ReplyRequested reply = reply("4444", "One moment.");
        publish(reply);
        await(DeliverySucceeded.class, reply);
        String conversation = reply.conversationId();

        // Typing is read from the newest offset on: repeat, as a gateway does, until the relay is listening.
        Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    typing(tenant, conversation, true, Duration.ofSeconds(6));
                    return chatActions(4444).size() == 1;
                });
        for (int i = 0; i < 5; i++) {
            typing(tenant, conversation, true, Duration.ofSeconds(6));
        }
        typing("another-tenant", conversation, true, Duration.ofSeconds(6));
        typing(tenant, conversation, false, Duration.ofSeconds(6));
        typing(tenant, conversation, true, Duration.ofSeconds(-1));
        Awaitility.await()
                .during(Duration.ofMillis(1500))
                .atMost(Duration.ofSeconds(3))
                .until(() -> chatActions(4444).size() == 1);
        assertThat(chatActions(4444).get(0).path("action").asString()).isEqualTo("typing");

        // The agent goes on typing: the next action comes once four seconds have passed, not before.
        Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(300))
                .until(() -> {
                    typing(tenant, conversation, true, Duration.ofSeconds(6));
                    return chatActions(4444).size() == 2;
                });
        List<JsonNode> actions = chatActions(4444);
        assertThat(actions.get(1).path("received_at_ms").asLong()
                        - actions.get(0).path("received_at_ms").asLong())
                .isGreaterThanOrEqualTo(3_900);
    }

    private void typing(String tenantId, String conversation, boolean isTyping, Duration expiresIn) {
        var event = new TypingChanged(
                UUID.randomUUID().toString(),
                Instant.now(),
                tenantId,
                conversation,
                new Agent("7", "agent"),
                "gateway-1",
                isTyping,
                Instant.now().plus(expiresIn));
        kafka.send(Topics.EPHEMERAL.name(), event.partitionKey(), EventJson.toBytes(event))
                .join();
    }

    private static List<JsonNode> chatActions(long chatId) {
        return CHAT_ACTIONS.stream()
                .filter(a -> a.path("chat_id").asLong() == chatId)
                .toList();
    }

    private <T extends DeliveryResult> T await(Class<T> type, ReplyRequested reply) {
        return results.awaitEvents(
                        type,
                        r -> r.tenantId().equals(tenant)
                                && (reply == null || r.messageId().equals(reply.messageId())),
                        1)
                .get(0);
    }

    private void ledgerRow(ReplyRequested reply, String platformIds, String state) {
        jdbc.update(
                "INSERT INTO sent_messages (message_id, channel_id, platform_message_ids, attempts, sent_at, state)"
                        + " VALUES (?, ?, ?, 1, now(), ?)",
                reply.messageId(),
                channel,
                platformIds,
                state);
    }

    /** The reply's ledger row as "state ids", or null. */
    private String ledger(ReplyRequested reply) {
        return jdbc
                .queryForList(
                        "SELECT state || ' ' || platform_message_ids FROM sent_messages WHERE message_id = ?",
                        String.class,
                        reply.messageId())
                .stream()
                .findFirst()
                .orElse(null);
    }

    private static List<JsonNode> sentTexts(String text) {
        return SENT.stream().filter(s -> s.path("text").asString().equals(text)).toList();
    }

    private ReplyRequested reply(String chatId, String text) {
        return new ReplyRequested(
                UUID.randomUUID().toString(),
                Instant.now(),
                tenant,
                UUID.randomUUID().toString(),
                UUID.randomUUID().toString(),
                channel,
                chatId,
                text);
    }

    private void publish(ReplyRequested reply) {
        kafka.send(Topics.OUTBOUND_TELEGRAM.name(), reply.partitionKey(), EventJson.toBytes(reply))
                .join();
    }

    private static MockResponse json(int status, String body) {
        return new MockResponse.Builder()
                .code(status)
                .addHeader("Content-Type", "application/json")
                .body(body)
                .build();
    }
}
