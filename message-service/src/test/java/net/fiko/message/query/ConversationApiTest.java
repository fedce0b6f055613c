package net.fiko.message.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import net.fiko.dev.DevTokens;
import net.fiko.events.Agent;
import net.fiko.events.ConversationIds;
import net.fiko.events.Customer;
import net.fiko.events.EventJson;
import net.fiko.events.FikoEvent;
import net.fiko.events.Platform;
import net.fiko.events.Topic;
import net.fiko.events.Topics;
import net.fiko.events.command.MarkReadRequested;
import net.fiko.events.inbound.CustomerMessageReceived;
import net.fiko.events.query.ConversationListAnswered;
import net.fiko.events.query.ConversationListRequested;
import net.fiko.events.query.MessageHistoryAnswered;
import net.fiko.events.query.MessageHistoryRequested;
import net.fiko.events.query.QueryAnswer;
import net.fiko.testsupport.FikoTestProperties;
import net.fiko.testsupport.TopicRecorder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/** The REST history API on a real broker and database: tenant-scoped, paged, authenticated. */
// Closed after the class: a context left running would go on consuming the shared topics during later tests.
@DirtiesContext
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.config.name=message-service")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConversationApiTest {

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) {
        FikoTestProperties.kafka(registry);
        FikoTestProperties.postgres(registry, "conversation_api");
    }

    @LocalServerPort
    int port;

    @Autowired
    KafkaTemplate<String, byte[]> kafka;

    @Autowired
    JdbcTemplate jdbc;

    final String tenant = "tenant-" + UUID.randomUUID();
    final String otherTenant = "tenant-" + UUID.randomUUID();
    final String busy = ConversationIds.forCustomer(tenant, Platform.TELEGRAM, null, "1");
    final String quiet = ConversationIds.forCustomer(tenant, Platform.INSTAGRAM, null, "2");

    @BeforeAll
    void seed() {
        for (int i = 1; i <= 60; i++) {
            publish(Topics.INBOUND_MESSAGES, message(tenant, Platform.TELEGRAM, "1", "Jane", "m" + i));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> count(busy) == 60);
        publish(
                Topics.GATEWAY_COMMANDS,
                new MarkReadRequested(
                        UUID.randomUUID().toString(), Instant.now(), tenant, busy, new Agent("9", "Sara")));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> jdbc.queryForObject(
                                "select count(*) from conversation_reads where conversation_id = ?::uuid",
                                Long.class,
                                busy)
                        == 1);
        publish(Topics.INBOUND_MESSAGES, message(tenant, Platform.TELEGRAM, "1", "Jane", "m61"));
        await().atMost(Duration.ofSeconds(30)).until(() -> count(busy) == 61);
        publish(Topics.INBOUND_MESSAGES, message(tenant, Platform.INSTAGRAM, "2", "Omid", "hello"));
        publish(Topics.INBOUND_MESSAGES, message(otherTenant, Platform.TELEGRAM, "3", "Eve", "other"));
        await().atMost(Duration.ofSeconds(30)).until(() -> count(busy) == 61 && count(quiet) == 1);
    }

    @Test
    void shouldRefuseARequestWithoutAValidToken() throws Exception {
        HttpResponse<String> response = get("/api/conversations", null);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).contains("\"error\":\"Authentication required\"");
        assertThat(get("/api/conversations", "not-a-token").statusCode()).isEqualTo(401);
    }

    @Test
    void shouldListOnlyTheTenantsConversationsNewestFirstWithUnreadCountsAndLastMessages() throws Exception {
        JsonNode body = json(get("/api/conversations", token(tenant)));

        List<String> ids = new ArrayList<>();
        body.path("conversations").forEach(c -> ids.add(c.path("id").asString()));
        assertThat(ids).containsExactly(quiet, busy);
        JsonNode busyOne = body.path("conversations").get(1);
        assertThat(busyOne.path("title").asString()).isEqualTo("telegram - Jane");
        assertThat(busyOne.path("customer").path("first_name").asString()).isEqualTo("Jane");
        assertThat(busyOne.path("last_message").path("content").asString()).isEqualTo("m61");
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(json(get("/api/conversations", token(tenant)))
                                .path("conversations")
                                .get(1)
                                .path("unread_count")
                                .asLong())
                        .isEqualTo(1));
        assertThat(body.path("pagination").path("total").asLong()).isEqualTo(2);
        assertThat(body.path("pagination").path("has_next").asBoolean()).isFalse();
    }

    @Test
    void shouldPageAndFilterTheList() throws Exception {
        JsonNode first = json(get("/api/conversations?page=1&page_size=1", token(tenant)));
        assertThat(first.path("conversations")).hasSize(1);
        assertThat(first.path("pagination").path("has_next").asBoolean()).isTrue();

        JsonNode search = json(get("/api/conversations?search=omi", token(tenant)));
        assertThat(search.path("conversations")).hasSize(1);
        assertThat(search.path("conversations").get(0).path("id").asString()).isEqualTo(quiet);

        JsonNode telegram = json(get("/api/conversations?source=telegram", token(tenant)));
        assertThat(telegram.path("conversations")).hasSize(1);

        assertThat(get("/api/conversations?page_size=500", token(tenant)).statusCode())
                .isEqualTo(400);
    }

    @Test
    void shouldServeHistoryPagesOldestFirstForInfiniteScroll() throws Exception {
        JsonNode newest = json(get("/api/conversations/" + busy + "/messages", token(tenant)));
        assertThat(newest.path("messages")).hasSize(50);
        assertThat(newest.path("messages").get(0).path("content").asString()).isEqualTo("m12");
        assertThat(newest.path("messages").get(49).path("content").asString()).isEqualTo("m61");
        assertThat(newest.path("has_more").asBoolean()).isTrue();

        String oldestSeen = newest.path("messages").get(0).path("id").asString();
        JsonNode older = json(get("/api/conversations/" + busy + "/messages?before=" + oldestSeen, token(tenant)));
        assertThat(older.path("messages")).hasSize(11);
        assertThat(older.path("messages").get(0).path("sequence").asLong()).isEqualTo(1);
        assertThat(older.path("has_more").asBoolean()).isFalse();
    }

    @Test
    void shouldAnswerAnotherTenantsConversationExactlyLikeAMissingOne() throws Exception {
        HttpResponse<String> foreign = get("/api/conversations/" + busy + "/messages", token(otherTenant));
        HttpResponse<String> missing = get("/api/conversations/" + UUID.randomUUID() + "/messages", token(otherTenant));

        assertThat(foreign.statusCode()).isEqualTo(404);
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(foreign.body()).isEqualTo(missing.body());
        assertThat(json(get("/api/conversations", token(otherTenant))).path("conversations"))
                .hasSize(1);
    }

    @Test
    void shouldPublishAnOpenApiDocument() throws Exception {
        JsonNode api = json(get("/api-docs", null));

        assertThat(api.path("paths").has("/api/conversations/{id}/messages")).isTrue();
        assertThat(api.path("components").path("securitySchemes").has("bearer")).isTrue();
    }

    @Test
    void aGatewayQueryOlderThanTheGatewayWaitsShouldBeDroppedAndALiveOneAnswered() {
        try (TopicRecorder<QueryAnswer> answers = new TopicRecorder<>(Topics.GATEWAY_REPLIES)) {
            String stale = UUID.randomUUID().toString();
            String live = UUID.randomUUID().toString();
            publish(Topics.GATEWAY_QUERIES, listQuery(stale, Instant.now().minus(Duration.ofMinutes(1))));
            publish(Topics.GATEWAY_QUERIES, listQuery(live, Instant.now()));

            answers.awaitEvents(
                    ConversationListAnswered.class, a -> a.requestId().equals(live), 1);
            assertThat(answers.matching(
                            ConversationListAnswered.class, a -> a.requestId().equals(stale)))
                    .isEmpty();
        }
    }

    @Test
    void historyAndResumeAnswersShouldStayUnderKafkasRecordLimitAndLeaveTheRestForTheNextPage() {
        String ownTenant = "tenant-" + UUID.randomUUID(); // the other tests list this class's tenant
        String chatty = ConversationIds.forCustomer(ownTenant, Platform.TELEGRAM, null, "3");
        String longText = "\uD83D\uDE00".repeat(4096); // 4,096 characters of 4 bytes each
        for (int i = 1; i <= 80; i++) {
            publish(Topics.INBOUND_MESSAGES, message(ownTenant, Platform.TELEGRAM, "3", "Omar", i + " " + longText));
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> count(chatty) == 80);
        String first = jdbc.queryForObject(
                "select id::text from messages where conversation_id = ?::uuid and sequence = 1", String.class, chatty);

        try (TopicRecorder<QueryAnswer> answers = new TopicRecorder<>(Topics.GATEWAY_REPLIES)) {
            String page = UUID.randomUUID().toString();
            String resume = UUID.randomUUID().toString();
            publish(Topics.GATEWAY_QUERIES, historyQuery(ownTenant, chatty, page, null, 100));
            publish(Topics.GATEWAY_QUERIES, historyQuery(ownTenant, chatty, resume, first, 50));

            MessageHistoryAnswered paged = answers.awaitEvents(
                            MessageHistoryAnswered.class, a -> a.requestId().equals(page), 1)
                    .get(0);
            assertThat(paged.messages()).hasSizeBetween(1, 79);
            assertThat(paged.messages().get(paged.messages().size() - 1).content())
                    .startsWith("80 ");
            assertThat(paged.hasMore()).isTrue();
            assertThat(EventJson.toBytes(paged).length).isLessThan(1_000_000);

            MessageHistoryAnswered resumed = answers.awaitEvents(
                            MessageHistoryAnswered.class, a -> a.requestId().equals(resume), 1)
                    .get(0);
            assertThat(resumed.recovered())
                    .as("too much missed to send at once")
                    .isFalse();
            assertThat(resumed.hasMore()).isTrue();
            assertThat(resumed.messages().get(resumed.messages().size() - 1).content())
                    .startsWith("80 ");
        }
    }

    @Test
    void aResumeThatMissedNothingShouldAccountThroughTheMessageItResumedFrom() {
        String ownTenant = "tenant-" + UUID.randomUUID();
        String conversation = ConversationIds.forCustomer(ownTenant, Platform.TELEGRAM, null, "4");
        for (int i = 1; i <= 3; i++) {
            publish(Topics.INBOUND_MESSAGES, message(ownTenant, Platform.TELEGRAM, "4", "Omar", "m" + i));
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> count(conversation) == 3);
        String last = jdbc.queryForObject(
                "select id::text from messages where conversation_id = ?::uuid and sequence = 3",
                String.class,
                conversation);

        try (TopicRecorder<QueryAnswer> answers = new TopicRecorder<>(Topics.GATEWAY_REPLIES)) {
            String resume = UUID.randomUUID().toString();
            String join = UUID.randomUUID().toString();
            publish(Topics.GATEWAY_QUERIES, historyQuery(ownTenant, conversation, resume, last, 50));
            publish(Topics.GATEWAY_QUERIES, historyQuery(ownTenant, conversation, join, null, 2));

            MessageHistoryAnswered resumed = answers.awaitEvents(
                            MessageHistoryAnswered.class, a -> a.requestId().equals(resume), 1)
                    .get(0);
            // Nothing new, yet a gateway joining with it must take messages 1 to 3 as had: a repeat of message 3 on
            // the stream (the outbox republishing) would otherwise reach the client twice.
            assertThat(resumed.messages()).isEmpty();
            assertThat(resumed.recovered()).isTrue();
            assertThat(resumed.throughSequence()).isEqualTo(3L);
            MessageHistoryAnswered joined = answers.awaitEvents(
                            MessageHistoryAnswered.class, a -> a.requestId().equals(join), 1)
                    .get(0);
            assertThat(joined.throughSequence()).isEqualTo(3L);
        }
    }

    @Test
    void aListPageTooLargeToSendWholeShouldCarryPreviewsOfTheLastMessages() {
        String ownTenant = "tenant-" + UUID.randomUUID();
        String longText = "\uD83D\uDE00".repeat(4096);
        for (int i = 1; i <= 40; i++) {
            publish(Topics.INBOUND_MESSAGES, message(ownTenant, Platform.TELEGRAM, "c" + i, "Omar", longText));
        }
        await().atMost(Duration.ofSeconds(60))
                .until(() -> jdbc.queryForObject(
                                "select count(*) from conversations where tenant_id = ?", Long.class, ownTenant)
                        == 40);

        try (TopicRecorder<QueryAnswer> answers = new TopicRecorder<>(Topics.GATEWAY_REPLIES)) {
            String request = UUID.randomUUID().toString();
            publish(
                    Topics.GATEWAY_QUERIES,
                    new ConversationListRequested(
                            UUID.randomUUID().toString(),
                            Instant.now(),
                            ownTenant,
                            null,
                            request,
                            "gw-test",
                            new Agent("9", "Sara"),
                            null,
                            1,
                            100));

            ConversationListAnswered list = answers.awaitEvents(
                            ConversationListAnswered.class, a -> a.requestId().equals(request), 1)
                    .get(0);
            assertThat(list.conversations()).hasSize(40);
            assertThat(list.conversations())
                    .allSatisfy(c -> assertThat(c.lastMessage().content())
                            .startsWith("\uD83D\uDE00")
                            .endsWith("…")
                            .hasSize(2 * 500 + 1));
            assertThat(EventJson.toBytes(list).length).isLessThan(1_000_000);
        }
    }

    private static MessageHistoryRequested historyQuery(
            String tenant, String conversation, String requestId, String since, int limit) {
        return new MessageHistoryRequested(
                UUID.randomUUID().toString(),
                Instant.now(),
                tenant,
                conversation,
                requestId,
                "gw-test",
                new Agent("9", "Sara"),
                null,
                since,
                limit);
    }

    private ConversationListRequested listQuery(String requestId, Instant askedAt) {
        return new ConversationListRequested(
                UUID.randomUUID().toString(),
                askedAt,
                tenant,
                null,
                requestId,
                "gw-test",
                new Agent("9", "Sara"),
                null,
                1,
                20);
    }

    private long count(String conversation) {
        return jdbc.queryForObject(
                "select count(*) from messages where conversation_id = ?::uuid", Long.class, conversation);
    }

    private static String token(String tenant) {
        return DevTokens.access(FikoTestProperties.JWT_SECRET, "9", tenant, "Sara", Duration.ofMinutes(5));
    }

    private HttpResponse<String> get(String path, String token) throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return EventJson.mapper().readTree(response.body());
    }

    private static CustomerMessageReceived message(
            String tenant, Platform platform, String customer, String name, String text) {
        return new CustomerMessageReceived(
                UUID.randomUUID().toString(),
                Instant.now(),
                tenant,
                ConversationIds.forCustomer(tenant, platform, null, customer),
                "ch-1",
                platform,
                customer,
                UUID.randomUUID().toString(),
                new Customer(null, platform, customer, name, null, null),
                text,
                List.of(),
                Instant.now());
    }

    private <V extends FikoEvent> void publish(Topic<? super V> topic, V event) {
        kafka.send(topic.name(), event.partitionKey(), EventJson.toBytes(event)).join();
    }
}
