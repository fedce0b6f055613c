package net.fiko.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletRequest;
import java.lang.ref.WeakReference;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import net.fiko.dev.DevTokens;
import net.fiko.events.Agent;
import net.fiko.events.EventJson;
import net.fiko.events.Topics;
import net.fiko.events.command.GatewayCommand;
import net.fiko.events.command.MessageSendRequested;
import net.fiko.gateway.config.GatewayProperties;
import net.fiko.gateway.hub.SessionRegistry;
import net.fiko.testsupport.DeadLetterRecorder;
import net.fiko.testsupport.FikoTestProperties;
import net.fiko.testsupport.TestSocket;
import net.fiko.testsupport.TopicRecorder;
import org.eclipse.jetty.ee11.servlet.ServletContextRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The gateway alone on a real broker, driven by real WebSocket clients: what it decides by itself (tokens, origins,
 * frame checks, publishing commands). With message-service behind it, the conformance suite in the local module
 * covers the rest of the protocol.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.config.name=ws-gateway")
class GatewayTest {

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) {
        FikoTestProperties.kafka(registry);
    }

    @LocalServerPort
    int port;

    @Autowired
    KafkaTemplate<String, byte[]> kafka;

    @Autowired
    SessionRegistry registry;

    @Autowired
    Handshakes handshakes;

    @Autowired
    GatewayProperties properties;

    @Autowired
    org.springframework.boot.web.server.context.WebServerApplicationContext webServer;

    TopicRecorder<GatewayCommand> commands;
    String tenant;
    String conversation;

    @BeforeEach
    void setUp() {
        commands = new TopicRecorder<>(Topics.GATEWAY_COMMANDS);
        tenant = "tenant-" + UUID.randomUUID();
        conversation = UUID.randomUUID().toString();
        await().atMost(Duration.ofSeconds(30))
                .until(() -> get("/actuator/health/readiness").contains("\"UP\""));
    }

    @AfterEach
    void tearDown() {
        commands.close();
    }

    @Test
    void shouldLetAReconnectStormWaitToBeAcceptedRatherThanDropIt() {
        var jetty = (org.springframework.boot.jetty.JettyWebServer) webServer.getWebServer();

        assertThat(jetty.getServer().getConnectors())
                .filteredOn(connector -> connector instanceof org.eclipse.jetty.server.ServerConnector)
                .isNotEmpty()
                .allSatisfy(connector -> assertThat(
                                ((org.eclipse.jetty.server.ServerConnector) connector).getAcceptQueueSize())
                        .isEqualTo(4096));
    }

    @Test
    void shouldSendAnErrorEventThenClose1008WhenTheTokenIsMissing() {
        try (TestSocket socket = TestSocket.connect(url("/ws/chat/" + conversation + "/"))) {
            JsonNode error = socket.next();

            assertThat(error.path("type").asString()).isEqualTo("error");
            assertThat(error.path("error").asString()).isEqualTo("Authentication required");
            assertThat(error.path("message").asString()).isNotBlank();
            assertThat(socket.closeCode()).isEqualTo(1008);
        }
    }

    @Test
    void shouldClose1008WhenTheTokenIsSignedWithAnotherSecret() {
        String forged = DevTokens.access(
                FikoTestProperties.JWT_SECRET.replace('f', 'x'), "1", tenant, "Eve", Duration.ofMinutes(5));
        try (TestSocket socket = TestSocket.connect(url("/ws/conversations/?token=" + forged))) {
            assertThat(socket.next("error").path("error").asString()).isEqualTo("Authentication required");
            assertThat(socket.closeCode()).isEqualTo(1008);
        }
    }

    @Test
    void shouldCloseALiveSocketWith1008AtTheTokensExpiry() {
        String shortLived = DevTokens.access(FikoTestProperties.JWT_SECRET, "1", tenant, "Sara", Duration.ofSeconds(2));
        try (TestSocket socket = TestSocket.connect(url("/ws/chat/" + conversation + "/?token=" + shortLived))) {
            assertThat(socket.next("error").path("error").asString()).isEqualTo("Token expired");
            assertThat(socket.closeCode()).isEqualTo(1008);
        }
    }

    @Test
    void shouldPublishAnAgentsChatMessageAsACommandKeyedByConversation() {
        try (TestSocket socket = chat("42", "Sara")) {
            socket.send("{\"type\":\"chat_message\",\"content\":\"  It ships today.  \",\"client_msg_id\":\"c-1\"}");

            MessageSendRequested command = commands.awaitEvents(
                            MessageSendRequested.class, c -> c.conversationId().equals(conversation), 1)
                    .get(0);
            assertThat(command.content()).isEqualTo("It ships today.");
            assertThat(command.tenantId()).isEqualTo(tenant);
            assertThat(command.agent()).isEqualTo(new Agent("42", "Sara"));
            assertThat(command.clientMsgId()).isEqualTo("c-1");
            assertThat(commands.records())
                    .filteredOn(r -> r.value() == command)
                    .singleElement()
                    .satisfies(r -> assertThat(r.key()).isEqualTo(conversation));
        }
    }

    @Test
    void shouldAnswerBadFramesWithAnErrorAndKeepTheSocketOpen() {
        try (TestSocket socket = chat("1", "Sara")) {
            socket.send("this is not json");
            assertThat(socket.next().path("error").asString()).isEqualTo("Invalid JSON");
            socket.send("[1,2]");
            assertThat(socket.next().path("error").asString()).isEqualTo("Invalid message format");
            socket.send("{\"type\":\"dance\"}");
            assertThat(socket.next().path("error").asString()).isEqualTo("Unknown message type");
            socket.send("{\"type\":\"chat_message\",\"content\":\"   \"}");
            assertThat(socket.next().path("error").asString()).isEqualTo("Message content cannot be empty");
            socket.send("{\"type\":\"chat_message\",\"content\":42}");
            assertThat(socket.next().path("error").asString()).isEqualTo("Invalid field");
            socket.send("{\"type\":\"chat_message\",\"content\":\"" + "x".repeat(4097) + "\"}");
            assertThat(socket.next().path("error").asString()).isEqualTo("Message content too long");

            socket.send("{\"type\":\"chat_message\",\"content\":\"still here\"}");
            commands.awaitEvents(
                    MessageSendRequested.class, c -> c.conversationId().equals(conversation), 1);
            assertThat(socket.isClosed()).isFalse();
        }
    }

    @Test
    void shouldStoreNoCharacterThatNoConsumerCanHoldAndRefuseAnOverlongClientMsgIdNamingTheField() {
        try (TestSocket socket = chat("1", "Sara")) {
            socket.send("{\"type\":\"chat_message\",\"content\":\"nul\\u0000 and \\ud83d lone\","
                    + "\"client_msg_id\":\"" + "c".repeat(3_000) + "\"}");
            JsonNode refused = socket.next("error");
            assertThat(refused.path("error").asString()).isEqualTo("Invalid field value");
            assertThat(refused.path("field").asString()).isEqualTo("client_msg_id");
            socket.send("{\"type\":\"chat_message\",\"content\":\"x\",\"client_msg_id\":\"a\\u0000b\"}");
            assertThat(socket.next("error").path("field").asString()).isEqualTo("client_msg_id");

            socket.send("{\"type\":\"chat_message\",\"content\":\"nul\\u0000 and \\ud83d lone\","
                    + "\"client_msg_id\":\"" + "c".repeat(128) + "\"}");

            MessageSendRequested command = commands.awaitEvents(
                            MessageSendRequested.class, c -> c.conversationId().equals(conversation), 1)
                    .get(0);
            assertThat(command.content()).isEqualTo("nul\uFFFD and \uFFFD lone");
            assertThat(command.clientMsgId()).hasSize(128);
            assertThat(commands.matching(
                            MessageSendRequested.class, c -> c.conversationId().equals(conversation)))
                    .hasSize(1);
        }
    }

    @Test
    void shouldRefuseListFiltersAndPagesOutOfBoundsNamingTheFieldAndKeepTheSocketOpen() {
        String token = DevTokens.access(FikoTestProperties.JWT_SECRET, "1", tenant, "Sara", Duration.ofMinutes(5));
        try (TestSocket list = TestSocket.connect(url("/ws/conversations/?token=" + token + "&lang=en"))) {
            list.send("{\"type\":\"get_conversations\",\"filters\":{\"search\":\"a\\u0000\"}}");
            assertThat(list.next("error").path("field").asString()).isEqualTo("filters.search");
            list.send("{\"type\":\"get_conversations\",\"filters\":{\"search\":\"" + "s".repeat(257) + "\"}}");
            assertThat(list.next("error").path("field").asString()).isEqualTo("filters.search");
            list.send("{\"type\":\"get_conversations\",\"filters\":{\"status\":\"" + "s".repeat(65) + "\"}}");
            assertThat(list.next("error").path("field").asString()).isEqualTo("filters.status");
            list.send("{\"type\":\"get_conversations\",\"page\":2147483647}");
            JsonNode page = list.next("error");
            assertThat(page.path("error").asString()).isEqualTo("Invalid field value");
            assertThat(page.path("field").asString()).isEqualTo("page");
            list.send("{\"type\":\"get_conversations\",\"page_size\":\"all\"}");
            JsonNode pageSize = list.next("error");
            assertThat(pageSize.path("error").asString()).isEqualTo("Invalid field");
            assertThat(pageSize.path("field").asString()).isEqualTo("page_size");

            assertThat(list.isClosed()).isFalse();
        }
    }

    @Test
    void shouldWriteErrorMessagesInEnglishWhenAsked() {
        String token = DevTokens.access(FikoTestProperties.JWT_SECRET, "1", tenant, "Sara", Duration.ofMinutes(5));
        try (TestSocket socket = TestSocket.connect(url("/ws/chat/" + conversation + "?lang=en&token=" + token))) {
            socket.send("{\"type\":\"chat_message\",\"content\":\"\"}");

            assertThat(socket.next().path("message").asString())
                    .isEqualTo("Error sending message: the message cannot be empty.");
        }
    }

    @Test
    void shouldRefuseFramesOverTheRateLimitAndCloseAClientThatKeepsOn() {
        try (TestSocket socket = chat("1", "Sara")) {
            // Frame by frame, each after the answer to the one before: every frame here is answered with an error
            // ("Invalid JSON" within the limit), so none is in flight when the server closes. The server resets a
            // connection that still carries frames to it when it closes with 1013, and the reset can overtake the
            // close frame (docs/websocket-api.md).
            int refusedInARow = 0;
            boolean refusedOnce = false;
            for (int sent = 0; refusedInARow <= properties.frameBurst() && sent < 500; sent++) {
                String answer =
                        socket.send("not json").next("error").path("error").asString();
                if (answer.equals("Rate limit exceeded")) {
                    refusedInARow++;
                    if (!refusedOnce) {
                        refusedOnce = true;
                        assertThat(sent).as("the burst is let through").isGreaterThanOrEqualTo(properties.frameBurst());
                        assertThat(socket.isClosed()).isFalse();
                    }
                } else {
                    assertThat(answer).isEqualTo("Invalid JSON");
                    refusedInARow = 0;
                }
            }

            assertThat(refusedOnce).isTrue();
            assertThat(socket.closeCode())
                    .as("try again later, not sign in again")
                    .isEqualTo(1013);
        }
    }

    @Test
    void shouldCloseAClientThatCannotKeepUpWithoutSlowingTheOthers() {
        String token = DevTokens.access(FikoTestProperties.JWT_SECRET, "1", tenant, "Sara", Duration.ofMinutes(5));
        try (TestSocket slow = TestSocket.connectNotReading(url("/ws/conversations/?token=" + token));
                TestSocket fast = TestSocket.connect(url("/ws/conversations/?token=" + token))) {
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> registry.lists(tenant).size() == 2);
            String big = "x".repeat(20_000);
            for (int i = 0; i < 400; i++) {
                publishMessageCreated(i + 1, big + i);
            }

            await().atMost(Duration.ofSeconds(60))
                    .until(() -> registry.lists(tenant).size() == 1);
            for (int i = 0; i < 400; i++) {
                assertThat(fast.next("new_customer_message")
                                .path("message")
                                .path("content")
                                .asString())
                        .isEqualTo(big + i);
            }
        }
    }

    @Test
    void shouldPassOnEachMessageOnceAndInOrderWhenTheStreamRepeatsIt() {
        String token = DevTokens.access(FikoTestProperties.JWT_SECRET, "1", tenant, "Sara", Duration.ofMinutes(5));
        try (TestSocket list = TestSocket.connect(url("/ws/conversations/?token=" + token))) {
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> registry.lists(tenant).size() == 1);
            publishMessageCreated(1, "first");
            publishMessageCreated(2, "second");
            publishMessageCreated(1, "first");
            publishMessageCreated(2, "second");
            publishMessageCreated(3, "third");

            for (String expected : List.of("first", "second", "third")) {
                assertThat(list.next("new_customer_message")
                                .path("message")
                                .path("content")
                                .asString())
                        .isEqualTo(expected);
            }
            await().during(Duration.ofMillis(500))
                    .atMost(Duration.ofSeconds(2))
                    .until(() -> list.pending().stream()
                            .noneMatch(frame -> frame.path("type").asString().equals("new_customer_message")));
        }
    }

    @Test
    void shouldDeadLetterAnEventItCannotReadAndFanOutTheNext() {
        String token = DevTokens.access(FikoTestProperties.JWT_SECRET, "1", tenant, "Sara", Duration.ofMinutes(5));
        try (DeadLetterRecorder deadLetters = new DeadLetterRecorder(Topics.CONVERSATION_EVENTS);
                TestSocket list = TestSocket.connect(url("/ws/conversations/?token=" + token))) {
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> registry.lists(tenant).size() == 1);
            String garbage = "{\"type\":\"message_created\",\"message\":\"" + UUID.randomUUID() + "\"}";
            kafka.send(Topics.CONVERSATION_EVENTS.name(), conversation, garbage.getBytes(StandardCharsets.UTF_8))
                    .join();
            publishMessageCreated(1, "after the garbage");

            assertThat(list.next("new_customer_message")
                            .path("message")
                            .path("content")
                            .asString())
                    .isEqualTo("after the garbage");
            assertThat(DeadLetterRecorder.header(deadLetters.awaitValue(garbage), "kafka_dlt-original-consumer-group"))
                    .startsWith("fiko-gateway-" + properties.instanceId());
        }
    }

    @Test
    void shouldDeadLetterAReplyOrAnEphemeralRecordItCannotRead() {
        for (var topic : List.of(Topics.GATEWAY_REPLIES, Topics.EPHEMERAL)) {
            try (DeadLetterRecorder deadLetters = new DeadLetterRecorder(topic)) {
                String garbage = "{not an event of " + topic.name() + " " + UUID.randomUUID();
                kafka.send(topic.name(), conversation, garbage.getBytes(StandardCharsets.UTF_8))
                        .join();

                assertThat(DeadLetterRecorder.header(
                                deadLetters.awaitMatching(record -> garbage.equals(
                                                new String(record.value(), StandardCharsets.UTF_8))
                                        && DeadLetterRecorder.header(record, "kafka_dlt-original-consumer-group")
                                                .startsWith("fiko-gateway-" + properties.instanceId())),
                                "kafka_dlt-original-topic"))
                        .isEqualTo(topic.name());
            }
        }
    }

    @Test
    void shouldClose1009OnAFrameOver64KiB() {
        try (TestSocket socket = chat("1", "Sara")) {
            socket.send("{\"type\":\"chat_message\",\"content\":\"" + "x".repeat(70_000) + "\"}");

            assertThat(socket.closeCode()).isEqualTo(1009);
        }
    }

    @Test
    void shouldRefuseABrowserFromAnOriginNotAllowed() {
        String token = DevTokens.access(FikoTestProperties.JWT_SECRET, "1", tenant, "Sara", Duration.ofMinutes(5));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> TestSocket.connect(
                        url("/ws/chat/" + conversation + "/?token=" + token), "https://evil.example"))
                .hasCauseInstanceOf(java.net.http.WebSocketHandshakeException.class)
                .hasStackTraceContaining("403");
    }

    @Test
    void shouldLetGoOfTheHandshakesHttpExchangeOnceTheSocketIsOpen() {
        try (TestSocket socket = chat("1", "Sara")) {
            assertThat(socket.send("not json").next("error").path("error").asString())
                    .isEqualTo("Invalid JSON");
            Handshake handshake = handshakes.last();
            assertThat(handshake)
                    .as("the socket's handshake, seen by the filter")
                    .isNotNull();

            // The request, its HTTP connection and all they hold (the parser, the URI with the token, the request's
            // observation) would otherwise stay on the heap for as long as the socket is open: KBs per socket.
            await().atMost(Duration.ofSeconds(10)).until(() -> {
                System.gc();
                return handshake.request().get() == null
                        && handshake.connection().get() == null;
            });
            assertThat(socket.send("not json").next("error").path("error").asString())
                    .isEqualTo("Invalid JSON");
        }
    }

    private TestSocket chat(String userId, String name) {
        String token = DevTokens.access(FikoTestProperties.JWT_SECRET, userId, tenant, name, Duration.ofMinutes(5));
        return TestSocket.connect(url("/ws/chat/" + conversation + "/?token=" + token));
    }

    private void publishMessageCreated(long sequence, String content) {
        var message = new net.fiko.events.Message(
                UUID.nameUUIDFromBytes((conversation + sequence).getBytes(java.nio.charset.StandardCharsets.UTF_8))
                        .toString(),
                conversation,
                sequence,
                net.fiko.events.MessageType.CUSTOMER,
                content,
                List.of(),
                new net.fiko.events.Customer(1L, net.fiko.events.Platform.TELEGRAM, "99", "John", "Doe", null),
                null,
                null,
                null,
                net.fiko.events.DeliveryStatus.DELIVERED,
                Instant.now());
        var event = new net.fiko.events.conversation.MessageCreated(
                UUID.randomUUID().toString(), Instant.now(), tenant, conversation, message);
        kafka.send(Topics.CONVERSATION_EVENTS.name(), conversation, EventJson.toBytes(event))
                .join();
    }

    private String url(String path) {
        return "ws://localhost:" + port + path;
    }

    private String get(String path) throws Exception {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
    }

    /** A WebSocket handshake's request and HTTP connection, weakly: whether they outlive the handshake. */
    record Handshake(WeakReference<Object> request, WeakReference<Object> connection) {}

    /** Remembers the last WebSocket handshake. */
    @TestConfiguration
    static class Handshakes {

        private volatile Handshake last;

        @Bean
        Filter rememberHandshakes() {
            return (request, response, chain) -> {
                if (request instanceof HttpServletRequest http
                        && http.getRequestURI().startsWith("/ws/")) {
                    last = new Handshake(
                            new WeakReference<>(http),
                            new WeakReference<>(ServletContextRequest.getServletContextRequest(http)
                                    .getConnectionMetaData()));
                }
                chain.doFilter(request, response);
            };
        }

        Handshake last() {
            return last;
        }
    }
}
