package net.fiko.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import net.fiko.events.Agent;
import net.fiko.events.Customer;
import net.fiko.events.DeliveryStatus;
import net.fiko.events.EventJson;
import net.fiko.events.Message;
import net.fiko.events.MessageType;
import net.fiko.events.Platform;
import net.fiko.events.Topics;
import net.fiko.events.command.GatewayCommand;
import net.fiko.events.command.MessageSendRequested;
import net.fiko.events.conversation.ConversationEvent;
import net.fiko.events.conversation.DeliveryUpdated;
import net.fiko.events.conversation.MessageCreated;
import net.fiko.testsupport.DevTokens;
import net.fiko.testsupport.FikoTestProperties;
import net.fiko.testsupport.TestSocket;
import net.fiko.testsupport.TopicRecorder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/** The gateway on a real broker, driven by real WebSocket clients. */
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
    void shouldDeliverAStoredMessageToEverySocketOfItsChatOnly() {
        try (TestSocket first = chat("1", "Sara");
                TestSocket second = chat("2", "Omid");
                TestSocket elsewhere = TestSocket.connect(url("/ws/chat/" + UUID.randomUUID() + "/?token="
                        + DevTokens.access(
                                FikoTestProperties.JWT_SECRET, "3", tenant, "Ali", Duration.ofMinutes(5))))) {
            publishMessageCreated("Hello from the customer");

            for (TestSocket socket : List.of(first, second)) {
                JsonNode frame = socket.next("chat_message");
                assertThat(frame.path("message").path("content").asString()).isEqualTo("Hello from the customer");
                assertThat(frame.path("message").path("type").asString()).isEqualTo("customer");
                assertThat(frame.path("message")
                                .path("customer")
                                .path("first_name")
                                .asString())
                        .isEqualTo("John");
                assertThat(frame.path("message").path("created_at").asString()).isEqualTo("2026-11-25T10:30:00Z");
            }
            publishMessageCreated("Second");
            assertThat(first.next("chat_message")
                            .path("message")
                            .path("content")
                            .asString())
                    .isEqualTo("Second");
            assertThat(elsewhere.pending()).isEmpty();
        }
    }

    @Test
    void shouldHoldAnAgentsReplyUntilThePlatformAnswersAndCarryTheAnswer() {
        try (TestSocket socket = chat("1", "Sara")) {
            Message reply = publishAgentReply("It ships today.");
            publish(new DeliveryUpdated(
                    UUID.randomUUID().toString(),
                    Instant.now(),
                    tenant,
                    conversation,
                    reply.id(),
                    Platform.TELEGRAM,
                    DeliveryStatus.SENT,
                    null));

            JsonNode frame = socket.next("chat_message");
            assertThat(frame.path("message").path("id").asString()).isEqualTo(reply.id());
            assertThat(frame.path("external_send_result").path("success").asBoolean())
                    .isTrue();
            assertThat(frame.path("external_send_result").path("platform").asString())
                    .isEqualTo("telegram");
        }
    }

    @Test
    void shouldSendTheReplyAsPendingAfterTheWaitAndTheLaterFailureAsMessageStatus() {
        try (TestSocket socket = chat("1", "Sara")) {
            Message reply = publishAgentReply("Hello?");

            JsonNode pending = socket.next("chat_message");
            assertThat(pending.path("external_send_result").path("success").asBoolean())
                    .isFalse();
            assertThat(pending.path("external_send_result").path("status").asString())
                    .isEqualTo("pending");

            publish(new DeliveryUpdated(
                    UUID.randomUUID().toString(),
                    Instant.now(),
                    tenant,
                    conversation,
                    reply.id(),
                    Platform.TELEGRAM,
                    DeliveryStatus.FAILED,
                    "The customer blocked the bot"));
            JsonNode status = socket.next("message_status");
            assertThat(status.path("message_id").asString()).isEqualTo(reply.id());
            assertThat(status.path("status").asString()).isEqualTo("failed");
            assertThat(status.path("external_send_result").path("error").asString())
                    .isEqualTo("The customer blocked the bot");
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
    void shouldWriteErrorMessagesInEnglishWhenAsked() {
        String token = DevTokens.access(FikoTestProperties.JWT_SECRET, "1", tenant, "Sara", Duration.ofMinutes(5));
        try (TestSocket socket = TestSocket.connect(url("/ws/chat/" + conversation + "?lang=en&token=" + token))) {
            socket.send("{\"type\":\"chat_message\",\"content\":\"\"}");

            assertThat(socket.next().path("message").asString())
                    .isEqualTo("Error sending message: the message cannot be empty.");
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

    private TestSocket chat(String userId, String name) {
        String token = DevTokens.access(FikoTestProperties.JWT_SECRET, userId, tenant, name, Duration.ofMinutes(5));
        return TestSocket.connect(url("/ws/chat/" + conversation + "/?token=" + token));
    }

    private Message publishAgentReply(String content) {
        var message = new Message(
                UUID.randomUUID().toString(),
                conversation,
                2,
                MessageType.SUPPORT,
                content,
                List.of(),
                new Customer(1L, Platform.TELEGRAM, "99", "John", "Doe", null),
                new Agent("1", "Sara"),
                null,
                null,
                DeliveryStatus.PENDING,
                Instant.now());
        publish(new MessageCreated(UUID.randomUUID().toString(), Instant.now(), tenant, conversation, message));
        return message;
    }

    private void publish(ConversationEvent event) {
        kafka.send(Topics.CONVERSATION_EVENTS.name(), conversation, EventJson.toBytes(event))
                .join();
    }

    private void publishMessageCreated(String content) {
        var message = new Message(
                UUID.randomUUID().toString(),
                conversation,
                1,
                MessageType.CUSTOMER,
                content,
                List.of(),
                new Customer(1L, Platform.TELEGRAM, "99", "John", "Doe", null),
                null,
                null,
                "5",
                DeliveryStatus.DELIVERED,
                Instant.parse("2026-11-25T10:30:00Z"));
        var event = new MessageCreated(UUID.randomUUID().toString(), Instant.now(), tenant, conversation, message);
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
}
