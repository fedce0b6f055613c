package net.fiko.connector.instagram.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import mockwebserver3.MockWebServer;
import net.fiko.events.Agent;
import net.fiko.events.ConversationIds;
import net.fiko.events.EventJson;
import net.fiko.events.FikoEvent;
import net.fiko.events.Platform;
import net.fiko.events.Topic;
import net.fiko.events.Topics;
import net.fiko.events.delivery.DeliveryFailed;
import net.fiko.events.delivery.DeliveryResult;
import net.fiko.events.delivery.DeliverySucceeded;
import net.fiko.events.ephemeral.TypingChanged;
import net.fiko.events.outbound.ReplyRequested;
import net.fiko.testsupport.DeadLetterRecorder;
import net.fiko.testsupport.FikoTestProperties;
import net.fiko.testsupport.InstagramConnectorClient;
import net.fiko.testsupport.TopicRecorder;
import net.fiko.testsupport.fakes.FakeGraphApi;
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

/** Agents' replies through a local server that answers like the Send API, on a real broker and database. */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.config.name=connector-instagram")
class InstagramReplyDeliveryTest {

    static final FakeGraphApi GRAPH = new FakeGraphApi();
    static final MockWebServer META = new MockWebServer();

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) throws Exception {
        META.setDispatcher(GRAPH);
        META.start();
        FikoTestProperties.kafka(registry);
        FikoTestProperties.postgres(registry, "instagram_outbound");
        registry.add("fiko.instagram.graph-base-url", () -> META.url("/").toString());
    }

    @AfterAll
    static void stopMeta() {
        META.close();
    }

    @LocalServerPort
    int port;

    @Autowired
    KafkaTemplate<String, byte[]> kafka;

    @Value("${spring.kafka.consumer.group-id}")
    String groupId;

    @Autowired
    JdbcTemplate jdbc;

    InstagramConnectorClient api;
    TopicRecorder<DeliveryResult> results;
    String tenant;
    String accountId;
    String channel;

    @BeforeEach
    void registerAnAccount() throws Exception {
        api = new InstagramConnectorClient(port);
        results = new TopicRecorder<>(Topics.DELIVERY_RESULTS);
        tenant = "tenant-" + UUID.randomUUID();
        channel = register(false);
    }

    @AfterEach
    void stopRecording() {
        results.close();
    }

    @Test
    void shouldSendTheReplyToTheCustomerOnceAndReportMetasMessageId() throws Exception {
        String igsid = customerWrote(Duration.ofMinutes(5));
        ReplyRequested reply = reply(igsid, "It ships today.");
        publish(Topics.OUTBOUND_INSTAGRAM, reply);

        DeliverySucceeded sent = await(DeliverySucceeded.class, reply);
        assertThat(sent.platform()).isEqualTo(Platform.INSTAGRAM);
        assertThat(sent.platformMessageId()).startsWith("mid.out.");
        JsonNode call = sentTo(igsid).get(0);
        assertThat(call.path("message").path("text").asString()).isEqualTo("It ships today.");
        assertThat(call.has("tag")).isFalse();
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM sent_mids WHERE mid = ?", Long.class, sent.platformMessageId()))
                .as("so its echo is dropped")
                .isEqualTo(1);

        publish(Topics.OUTBOUND_INSTAGRAM, reply);
        results.awaitEvents(DeliverySucceeded.class, r -> r.messageId().equals(reply.messageId()), 2);
        assertThat(sentTo(igsid)).hasSize(1);
    }

    @Test
    void shouldDeadLetterARecordThatIsNoEventAndDeliverTheNext() throws Exception {
        String igsid = customerWrote(Duration.ofMinutes(5));
        ReplyRequested reply = reply(igsid, "after the garbage");
        String garbage = "{\"type\":\"reply_requested\",\"content\":[" + UUID.randomUUID() + "]}";
        try (DeadLetterRecorder deadLetters = new DeadLetterRecorder(Topics.OUTBOUND_INSTAGRAM)) {
            kafka.send(Topics.OUTBOUND_INSTAGRAM.name(), reply.partitionKey(), garbage.getBytes(StandardCharsets.UTF_8))
                    .join();
            publish(Topics.OUTBOUND_INSTAGRAM, reply);

            await(DeliverySucceeded.class, reply);
            assertThat(DeadLetterRecorder.header(deadLetters.awaitValue(garbage), "kafka_dlt-original-topic"))
                    .isEqualTo(Topics.OUTBOUND_INSTAGRAM.name());
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
        // And the relay goes on: the agent's typing after it reaches the customer.
        typeUntilShown(reply.conversationId(), igsid);
    }

    @Test
    void shouldSplitATextOver1000BytesInOrderWithoutBreakingACharacter() throws Exception {
        String igsid = customerWrote(Duration.ofMinutes(5));
        String text = "سلام ".repeat(300); // 9 bytes a word: 2,700 bytes
        ReplyRequested reply = reply(igsid, text);
        publish(Topics.OUTBOUND_INSTAGRAM, reply);

        await(DeliverySucceeded.class, reply);
        List<String> parts = sentTo(igsid).stream()
                .map(call -> call.path("message").path("text").asString())
                .toList();
        assertThat(parts).hasSize(3);
        assertThat(parts)
                .allSatisfy(part ->
                        assertThat(part.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(1000));
        assertThat(String.join("", parts)).isEqualTo(text);
    }

    @Test
    void shouldFailWithoutCallingMetaWhenTheCustomerWroteMoreThan24HoursAgo() throws Exception {
        String igsid = customerWrote(Duration.ofHours(25));
        ReplyRequested reply = reply(igsid, "Sorry for the wait");
        publish(Topics.OUTBOUND_INSTAGRAM, reply);

        DeliveryFailed failed = await(DeliveryFailed.class, reply);
        assertThat(failed.reason()).isEqualTo("The customer's last message is older than 24 hours");
        assertThat(sentTo(igsid)).isEmpty();
    }

    @Test
    void shouldTagRepliesHumanAgentAndAllowSevenDaysWhenTheAccountUsesTheTag() throws Exception {
        channel = register(true);
        String igsid = customerWrote(Duration.ofDays(3));
        ReplyRequested reply = reply(igsid, "Back from the weekend");
        publish(Topics.OUTBOUND_INSTAGRAM, reply);

        await(DeliverySucceeded.class, reply);
        JsonNode call = sentTo(igsid).get(0);
        assertThat(call.path("messaging_type").asString()).isEqualTo("MESSAGE_TAG");
        assertThat(call.path("tag").asString()).isEqualTo("HUMAN_AGENT");
    }

    @Test
    void shouldMapEachOfMetasRefusalsToItsResult() throws Exception {
        String igsid = customerWrote(Duration.ofMinutes(5));
        ReplyRequested window = reply(igsid, "window " + UUID.randomUUID());
        ReplyRequested unavailable = reply(igsid, "unavailable " + UUID.randomUUID());
        ReplyRequested noUser = reply(igsid, "nouser " + UUID.randomUUID());
        ReplyRequested throttled = reply(igsid, "throttled " + UUID.randomUUID());
        for (ReplyRequested reply : List.of(window, unavailable, noUser, throttled)) {
            publish(Topics.OUTBOUND_INSTAGRAM, reply);
        }

        DeliveryFailed outside = await(DeliveryFailed.class, window);
        assertThat(outside.reason()).isEqualTo("The customer's last message is older than 24 hours");
        assertThat(outside.errorCode()).isEqualTo("10/2534022");
        assertThat(outside.attempts()).isEqualTo(1);
        assertThat(await(DeliveryFailed.class, unavailable).reason())
                .isEqualTo("This person isn't available right now");
        assertThat(await(DeliveryFailed.class, noUser).reason()).isEqualTo("The customer was not found on Instagram");
        DeliverySucceeded afterBackOff = await(DeliverySucceeded.class, throttled);
        assertThat(afterBackOff.attempts()).isEqualTo(2);
    }

    @Test
    void shouldAskForReauthorizationWhenTheTokenExpired() throws Exception {
        String igsid = customerWrote(Duration.ofMinutes(5));
        ReplyRequested expired = reply(igsid, "expired " + UUID.randomUUID());
        publish(Topics.OUTBOUND_INSTAGRAM, expired);

        DeliveryFailed failed = await(DeliveryFailed.class, expired);
        assertThat(failed.reason()).isEqualTo("The Instagram account must be reconnected: its access token expired");
        assertThat(jdbc.queryForObject("SELECT status FROM accounts WHERE id = ?", String.class, channel))
                .isEqualTo("reauthorization_required");
        JsonNode listed = EventJson.mapper()
                .readTree(
                        api.call("GET", "/api/instagram/accounts", tenant, null).body());
        assertThat(listed.get(0).path("status").asString()).isEqualTo("reauthorization_required");

        ReplyRequested next = reply(igsid, "Hello again");
        publish(Topics.OUTBOUND_INSTAGRAM, next);
        assertThat(await(DeliveryFailed.class, next).reason())
                .isEqualTo("The Instagram account must be reconnected: its access token expired");
        assertThat(sentTo(igsid)).isEmpty();
    }

    @Test
    void shouldShowAnAgentsTypingToTheCustomer() throws Exception {
        String igsid = customerWrote(Duration.ofMinutes(5));
        String conversation = ConversationIds.forCustomer(tenant, Platform.INSTAGRAM, channel, igsid);

        typeUntilShown(conversation, igsid);
        assertThat(GRAPH.actions().stream()
                        .filter(a -> a.path("recipient").path("id").asString().equals(igsid))
                        .findFirst()
                        .orElseThrow()
                        .path("sender_action")
                        .asString())
                .isEqualTo("typing_on");
    }

    private String register(boolean humanAgentTag) throws Exception {
        accountId = Long.toString(
                17_840_000_000_000_000L + ThreadLocalRandom.current().nextLong(1_000_000_000L));
        String token = "IGAA" + UUID.randomUUID().toString().replace("-", "");
        GRAPH.account(token, accountId);
        return api.register(tenant, accountId, token, humanAgentTag);
    }

    /** A new customer's message, {@code ago} old, through the webhook; returns their IGSID. */
    private String customerWrote(Duration ago) throws Exception {
        String igsid = Long.toString(ThreadLocalRandom.current().nextLong(1_000_000_000L, 9_000_000_000L));
        String payload = InstagramConnectorClient.message(
                accountId,
                igsid,
                "mid.in." + UUID.randomUUID(),
                "Hi",
                Instant.now().minus(ago).toEpochMilli());
        assertThat(api.webhook(payload, InstagramConnectorClient.APP_SECRET)).isEqualTo(200);
        return igsid;
    }

    private ReplyRequested reply(String igsid, String text) {
        return new ReplyRequested(
                UUID.randomUUID().toString(),
                Instant.now(),
                tenant,
                ConversationIds.forCustomer(tenant, Platform.INSTAGRAM, channel, igsid),
                UUID.randomUUID().toString(),
                channel,
                igsid,
                text);
    }

    /**
     * An agent types in the conversation until the customer is shown it: typing is read from the newest offset on, so
     * it is repeated, as a gateway does, until the relay is listening.
     */
    private void typeUntilShown(String conversation, String igsid) {
        org.awaitility.Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(300))
                .until(() -> {
                    publish(
                            Topics.EPHEMERAL,
                            new TypingChanged(
                                    UUID.randomUUID().toString(),
                                    Instant.now(),
                                    tenant,
                                    conversation,
                                    new Agent("7", "Sara"),
                                    "gateway-1",
                                    true,
                                    Instant.now().plusSeconds(10)));
                    return GRAPH.actions().stream()
                            .anyMatch(a ->
                                    a.path("recipient").path("id").asString().equals(igsid));
                });
    }

    private <T extends DeliveryResult> T await(Class<T> type, ReplyRequested reply) {
        return results.awaitEvents(type, r -> r.messageId().equals(reply.messageId()), 1)
                .get(0);
    }

    private static List<JsonNode> sentTo(String igsid) {
        return GRAPH.sent().stream()
                .filter(call -> call.path("recipient").path("id").asString().equals(igsid))
                .toList();
    }

    private <V extends FikoEvent> void publish(Topic<? super V> topic, V event) {
        kafka.send(topic.name(), event.partitionKey(), EventJson.toBytes(event)).join();
    }
}
