package net.fiko.connector.instagram.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import mockwebserver3.MockWebServer;
import net.fiko.events.ConversationIds;
import net.fiko.events.EventJson;
import net.fiko.events.Platform;
import net.fiko.events.Topics;
import net.fiko.events.inbound.BusinessMessageSent;
import net.fiko.events.inbound.CustomerMessageReceived;
import net.fiko.events.inbound.CustomerProfileUpdated;
import net.fiko.events.inbound.InboundMessage;
import net.fiko.testsupport.FikoTestProperties;
import net.fiko.testsupport.InstagramConnectorClient;
import net.fiko.testsupport.TopicRecorder;
import net.fiko.testsupport.fakes.FakeGraphApi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
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

/** Meta's webhooks for Instagram, on a real broker and database, with a local server answering like the Graph API. */
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.config.name=connector-instagram", "fiko.instagram.verify-token=app-verify-token"})
class InstagramWebhookTest {

    static final FakeGraphApi GRAPH = new FakeGraphApi();
    static final MockWebServer META = new MockWebServer();

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) throws Exception {
        META.setDispatcher(GRAPH);
        META.start();
        FikoTestProperties.kafka(registry);
        FikoTestProperties.postgres(registry, "instagram");
        registry.add("fiko.instagram.graph-base-url", () -> META.url("/").toString());
    }

    @AfterAll
    static void stopMeta() {
        META.close();
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    InstagramConnectorClient api;
    TopicRecorder<InboundMessage> inbound;
    String tenant;
    String accountId;
    String accessToken;
    String channel;

    @BeforeEach
    void registerAnAccount() throws Exception {
        api = new InstagramConnectorClient(port);
        inbound = new TopicRecorder<>(Topics.INBOUND_MESSAGES);
        tenant = "tenant-" + UUID.randomUUID();
        accountId = Long.toString(
                17_840_000_000_000_000L + ThreadLocalRandom.current().nextLong(1_000_000_000L));
        accessToken = "IGAA" + UUID.randomUUID().toString().replace("-", "");
        GRAPH.account(accessToken, accountId);
        channel = api.register(tenant, accountId, accessToken, false);
    }

    @AfterEach
    void stopRecording() {
        inbound.close();
    }

    @Test
    void shouldListChangeAndRemoveOnlyTheTenantsAccountsAndRefuseMalformedOnes() throws Exception {
        String path = "/api/instagram/accounts";
        JsonNode mine =
                EventJson.mapper().readTree(api.call("GET", path, tenant, null).body());
        assertThat(mine).hasSize(1);
        assertThat(mine.get(0).path("id").asString()).isEqualTo(channel);
        assertThat(mine.toString()).doesNotContain(accessToken).doesNotContain(InstagramConnectorClient.APP_SECRET);
        assertThat(EventJson.mapper()
                        .readTree(api.call("GET", path, "other", null).body()))
                .isEmpty();

        var tagged = api.call("PATCH", path + "/" + channel, tenant, "{\"human_agent_tag\":true}");
        assertThat(tagged.statusCode()).isEqualTo(200);
        assertThat(EventJson.mapper()
                        .readTree(tagged.body())
                        .path("human_agent_tag")
                        .asBoolean())
                .isTrue();
        assertThat(api.call("PATCH", path + "/" + channel, tenant, "{\"human_agent_tag\":\"yes\"}")
                        .body())
                .contains("Invalid field");
        assertThat(api.call("PATCH", path + "/" + channel, "other", "{\"human_agent_tag\":false}")
                        .statusCode())
                .isEqualTo(404);

        var missing = api.call("POST", path, tenant, "{\"account_id\":\"" + accountId + "\"}");
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(missing.body()).contains("Missing field");
        assertThat(api.call("POST", path, tenant, "{\"account_id\":\"me\"}").body())
                .contains("Invalid account");
        assertThat(api.call("POST", path, tenant, "null").statusCode()).isEqualTo(400);
        assertThat(api.call("POST", path, tenant, "{").statusCode()).isEqualTo(400);
        var again = api.call(
                "POST",
                path,
                tenant,
                "{\"account_id\":\"" + accountId + "\",\"access_token\":\"" + accessToken
                        + "\",\"app_secret\":\"s\",\"verify_token\":\"v\"}");
        assertThat(again.statusCode()).as(again.body()).isEqualTo(409);

        assertThat(api.call("DELETE", path + "/" + channel, "other", null).statusCode())
                .isEqualTo(404);
        assertThat(api.call("DELETE", path + "/" + channel, tenant, null).statusCode())
                .isEqualTo(204);
        assertThat(EventJson.mapper()
                        .readTree(api.call("GET", path, tenant, null).body()))
                .isEmpty();
    }

    @Test
    void shouldAnswerMetasHandshakeOnlyWithAVerifyTokenWeGave() throws Exception {
        var ours = api.get("/webhooks/instagram?hub.mode=subscribe&hub.verify_token=verify-" + accountId
                + "&hub.challenge=1158201444");
        assertThat(ours.statusCode()).isEqualTo(200);
        assertThat(ours.body()).isEqualTo("1158201444");
        assertThat(api.get("/webhooks/instagram?hub.mode=subscribe&hub.verify_token=app-verify-token"
                                + "&hub.challenge=42")
                        .body())
                .isEqualTo("42");
        assertThat(api.get("/webhooks/instagram?hub.mode=subscribe&hub.verify_token=guess&hub.challenge=1")
                        .statusCode())
                .isEqualTo(403);
        assertThat(api.get("/webhooks/instagram?hub.mode=unsubscribe&hub.verify_token=verify-" + accountId
                                + "&hub.challenge=1")
                        .statusCode())
                .isEqualTo(403);
    }

    @Test
    void shouldRefuseABadOrMissingSignatureAndPublishNothing() throws Exception {
        String payload = InstagramConnectorClient.message(accountId, "9001", "mid.forged", "hi", now());

        assertThat(api.webhook(payload, "not-the-app-secret")).isEqualTo(401);
        assertThat(api.webhook(payload, null)).isEqualTo(401);
        assertThat(api.webhook(payload.replace("hi", "hi!"), null)).isEqualTo(401);
        // The signature is checked over the raw bytes before anything is parsed or looked up.
        assertThat(api.webhook("not json at all", "not-the-app-secret")).isEqualTo(401);
        String forNoAccountOfOurs =
                InstagramConnectorClient.message("17849999999999999", "9001", "mid.stranger", "hi", now());
        assertThat(api.webhook(forNoAccountOfOurs, "a-strangers-app-secret")).isEqualTo(401);
        assertThat(api.webhook(forNoAccountOfOurs, InstagramConnectorClient.APP_SECRET))
                .as("signed by our app for an account removed since: nothing to retry")
                .isEqualTo(200);

        await().during(Duration.ofSeconds(1))
                .atMost(Duration.ofSeconds(3))
                .until(() -> inbound.matching(
                                InboundMessage.class, e -> e.tenantId().equals(tenant))
                        .isEmpty());
    }

    @Test
    void aCustomerWhoWroteBeforeIdsNamedTheAccountShouldStayInTheirConversation() throws Exception {
        // Remembered under the id conversations had before the account was part of it.
        String before = ConversationIds.forCustomer(tenant, Platform.INSTAGRAM, null, "9003");
        jdbc.update(
                "INSERT INTO customers (conversation_id, tenant_id, channel_id, igsid, last_message_at, name)"
                        + " VALUES (?, ?, ?, '9003', now(), 'Ava')",
                before,
                tenant,
                channel);
        assertThat(api.webhook(
                        InstagramConnectorClient.message(
                                accountId, "9003", "mid.before." + accountId, "Me again", now()),
                        InstagramConnectorClient.APP_SECRET))
                .isEqualTo(200);

        CustomerMessageReceived message = inbound.awaitEvents(
                        CustomerMessageReceived.class, e -> e.tenantId().equals(tenant), 1)
                .get(0);
        assertThat(message.conversationId()).isEqualTo(before);
        assertThat(message.customer().firstName()).isEqualTo("Ava");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM customers WHERE tenant_id = ?", Long.class, tenant))
                .isEqualTo(1);
    }

    @Test
    void shouldPublishAMessageOnceHoweverOftenMetaDeliversItAndLearnTheProfileAfterwards(CapturedOutput output)
            throws Exception {
        long sentAt = now();
        String payload = InstagramConnectorClient.message(accountId, "9002", "mid.once." + accountId, "Hello", sentAt);
        for (int i = 0; i < 10; i++) {
            assertThat(api.webhook(payload, InstagramConnectorClient.APP_SECRET))
                    .isEqualTo(200);
        }

        CustomerMessageReceived message = inbound.awaitEvents(
                        CustomerMessageReceived.class, e -> e.tenantId().equals(tenant), 1)
                .get(0);
        assertThat(message.platform()).isEqualTo(Platform.INSTAGRAM);
        assertThat(message.channelId()).isEqualTo(channel);
        assertThat(message.externalChatId()).isEqualTo("9002");
        assertThat(message.conversationId())
                .isEqualTo(ConversationIds.forCustomer(tenant, Platform.INSTAGRAM, channel, "9002"));
        assertThat(message.content()).isEqualTo("Hello");
        assertThat(message.replyAllowedUntil())
                .isEqualTo(Instant.ofEpochMilli(sentAt).plus(Duration.ofHours(24)));

        CustomerProfileUpdated profile = inbound.awaitEvents(
                        CustomerProfileUpdated.class, e -> e.tenantId().equals(tenant), 1)
                .get(0);
        assertThat(profile.customer().firstName()).isEqualTo("Mina Rahimi");
        assertThat(profile.customer().username()).isEqualTo("mina.r");
        await().during(Duration.ofMillis(500))
                .atMost(Duration.ofSeconds(2))
                .until(() -> inbound.matching(
                                        CustomerMessageReceived.class,
                                        e -> e.tenantId().equals(tenant))
                                .size()
                        == 1);

        // The cached profile rides on the next message, and is not fetched again.
        api.webhook(
                InstagramConnectorClient.message(accountId, "9002", "mid.twice." + accountId, "Anyone?", now()),
                InstagramConnectorClient.APP_SECRET);
        CustomerMessageReceived next = inbound.awaitEvents(
                        CustomerMessageReceived.class, e -> e.tenantId().equals(tenant), 2)
                .get(1);
        assertThat(next.customer().username()).isEqualTo("mina.r");
        assertThat(GRAPH.profileLookups().stream().filter("9002"::equals)).hasSize(1);
        assertThat(output.getAll()).doesNotContain(accessToken).doesNotContain(InstagramConnectorClient.APP_SECRET);
    }

    @Test
    void shouldProcessEveryEntryAndEveryItemOfABatchAndSkipWhatIsNotAMessage() throws Exception {
        String otherTenant = "tenant-" + UUID.randomUUID();
        String otherAccount = Long.toString(Long.parseLong(accountId) + 1);
        String otherToken = "IGAA" + UUID.randomUUID().toString().replace("-", "");
        GRAPH.account(otherToken, otherAccount);
        api.register(otherTenant, otherAccount, otherToken, false);
        long t = now();
        String payload = """
                {"object":"instagram","entry":[
                 {"id":"%1$s","time":%3$d,"messaging":[%4$s,%5$s,
                  {"sender":{"id":"7001"},"recipient":{"id":"%1$s"},"timestamp":%3$d,"read":{"mid":"x"}},
                  {"sender":{"id":"7001"},"recipient":{"id":"%1$s"},"timestamp":%3$d,
                   "message":{"mid":"%1$s.photo","attachments":[{"type":"image","payload":{"url":"https://cdn.example/p.jpg"}}]}}]},
                 {"id":"%2$s","time":%3$d,"messaging":[%6$s]}]}""".formatted(
                        accountId,
                        otherAccount,
                        t,
                        InstagramConnectorClient.item(accountId, "7001", accountId + ".a", "first", t, false),
                        InstagramConnectorClient.item(accountId, "7002", accountId + ".b", "second", t, false),
                        InstagramConnectorClient.item(otherAccount, "7003", otherAccount + ".c", "third", t, false));

        assertThat(api.webhook(payload, InstagramConnectorClient.APP_SECRET)).isEqualTo(200);

        var ours = inbound.awaitEvents(
                CustomerMessageReceived.class, e -> e.tenantId().equals(tenant), 3);
        assertThat(ours).extracting(CustomerMessageReceived::content).containsExactlyInAnyOrder("first", "second", "");
        CustomerMessageReceived photo =
                ours.stream().filter(m -> m.content().isEmpty()).findFirst().orElseThrow();
        assertThat(photo.attachments()).singleElement().satisfies(a -> {
            assertThat(a.kind()).isEqualTo("image");
            assertThat(a.fileId()).isEqualTo("https://cdn.example/p.jpg");
        });
        assertThat(inbound.awaitEvents(
                                CustomerMessageReceived.class, e -> e.tenantId().equals(otherTenant), 1)
                        .get(0)
                        .content())
                .isEqualTo("third");
    }

    @Test
    void shouldDropEchoesOfOurMessagesAndKeepThoseSentFromTheInstagramApp() throws Exception {
        jdbc.update(
                "INSERT INTO sent_mids (mid, message_id, sent_at) VALUES (?, ?, now())",
                "mid.ours." + accountId,
                UUID.randomUUID().toString());
        long t = now();
        String payload = """
                {"object":"instagram","entry":[{"id":"%s","time":%d,"messaging":[%s,%s]}]}""".formatted(
                accountId,
                t,
                InstagramConnectorClient.item(accountId, "7100", "mid.ours." + accountId, "via Fiko", t, true),
                InstagramConnectorClient.item(accountId, "7100", "mid.app." + accountId, "from the app", t, true));

        assertThat(api.webhook(payload, InstagramConnectorClient.APP_SECRET)).isEqualTo(200);
        assertThat(api.webhook(payload, InstagramConnectorClient.APP_SECRET)).isEqualTo(200);

        BusinessMessageSent fromApp = inbound.awaitEvents(
                        BusinessMessageSent.class, e -> e.tenantId().equals(tenant), 1)
                .get(0);
        assertThat(fromApp.content()).isEqualTo("from the app");
        assertThat(fromApp.externalChatId()).isEqualTo("7100");
        assertThat(fromApp.conversationId())
                .isEqualTo(ConversationIds.forCustomer(tenant, Platform.INSTAGRAM, channel, "7100"));
        await().during(Duration.ofSeconds(1))
                .atMost(Duration.ofSeconds(3))
                .until(() ->
                        inbound.matching(InboundMessage.class, e -> e.tenantId().equals(tenant))
                                        .size()
                                == 1);
    }

    private static long now() {
        return Instant.now().toEpochMilli();
    }
}
