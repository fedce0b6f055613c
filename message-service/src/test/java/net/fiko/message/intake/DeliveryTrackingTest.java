package net.fiko.message.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import net.fiko.events.Agent;
import net.fiko.events.ConversationIds;
import net.fiko.events.Customer;
import net.fiko.events.DeliveryStatus;
import net.fiko.events.EventJson;
import net.fiko.events.FikoEvent;
import net.fiko.events.Platform;
import net.fiko.events.Topic;
import net.fiko.events.Topics;
import net.fiko.events.command.MessageSendRequested;
import net.fiko.events.conversation.ConversationEvent;
import net.fiko.events.conversation.DeliveryUpdated;
import net.fiko.events.conversation.MessageCreated;
import net.fiko.events.delivery.DeliveryFailed;
import net.fiko.events.delivery.DeliverySucceeded;
import net.fiko.events.inbound.CustomerMessageReceived;
import net.fiko.testsupport.FikoTestProperties;
import net.fiko.testsupport.TopicRecorder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Connectors' delivery results become the message's status and a delivery_updated event; silence has a deadline. */
// Closed after the class: a context left running would go on consuming the shared topics during later tests.
@DirtiesContext
@SpringBootTest(
        properties = {
            "spring.config.name=message-service",
            "fiko.message-service.delivery.timeout=3s",
            "fiko.message-service.delivery.check-interval=500ms"
        })
class DeliveryTrackingTest {

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) {
        FikoTestProperties.kafka(registry);
        FikoTestProperties.postgres(registry, "delivery_tracking");
    }

    @Autowired
    KafkaTemplate<String, byte[]> kafka;

    @Autowired
    JdbcTemplate jdbc;

    TopicRecorder<ConversationEvent> events;
    String tenant;
    String conversation;

    @BeforeEach
    void openConversation() {
        events = new TopicRecorder<>(Topics.CONVERSATION_EVENTS);
        tenant = "tenant-" + UUID.randomUUID();
        conversation = ConversationIds.forCustomer(tenant, Platform.TELEGRAM, null, "555");
        publish(
                Topics.INBOUND_MESSAGES,
                new CustomerMessageReceived(
                        UUID.randomUUID().toString(),
                        Instant.now(),
                        tenant,
                        conversation,
                        "tg-1",
                        Platform.TELEGRAM,
                        "555",
                        "1",
                        new Customer(null, Platform.TELEGRAM, "555", "John", null, null),
                        "Hi",
                        List.of(),
                        Instant.now()));
        events.awaitEvents(MessageCreated.class, e -> e.conversationId().equals(conversation), 1);
    }

    @AfterEach
    void close() {
        events.close();
    }

    @Test
    void shouldMarkTheMessageSentWhenThePlatformAcceptsItAndAnnounceItOnce() {
        String messageId = reply("It ships today.");
        var result = new DeliverySucceeded(
                UUID.randomUUID().toString(),
                Instant.now(),
                tenant,
                conversation,
                messageId,
                Platform.TELEGRAM,
                "9001",
                1);
        publish(Topics.DELIVERY_RESULTS, result);
        publish(Topics.DELIVERY_RESULTS, result);

        DeliveryUpdated updated = awaitUpdate(messageId, DeliveryStatus.SENT);
        assertThat(updated.platform()).isEqualTo(Platform.TELEGRAM);
        assertThat(updated.reason()).isNull();
        assertThat(jdbc.queryForMap(
                        "select delivery_status, platform_message_id from messages where id = ?::uuid", messageId))
                .containsEntry("delivery_status", "sent")
                .containsEntry("platform_message_id", "9001");
        String marker = reply("marker");
        publish(
                Topics.DELIVERY_RESULTS,
                new DeliverySucceeded(
                        UUID.randomUUID().toString(),
                        Instant.now(),
                        tenant,
                        conversation,
                        marker,
                        Platform.TELEGRAM,
                        "9002",
                        1));
        awaitUpdate(marker, DeliveryStatus.SENT);
        assertThat(events.matching(DeliveryUpdated.class, e -> e.messageId().equals(messageId)))
                .hasSize(1);
    }

    @Test
    void shouldStoreAFailureWithItsReason() {
        String messageId = reply("Hello?");
        publish(
                Topics.DELIVERY_RESULTS,
                new DeliveryFailed(
                        UUID.randomUUID().toString(),
                        Instant.now(),
                        tenant,
                        conversation,
                        messageId,
                        Platform.TELEGRAM,
                        "The customer blocked the bot",
                        "403",
                        1));

        assertThat(awaitUpdate(messageId, DeliveryStatus.FAILED).reason()).isEqualTo("The customer blocked the bot");
        assertThat(jdbc.queryForObject(
                        "select delivery_reason from messages where id = ?::uuid", String.class, messageId))
                .isEqualTo("The customer blocked the bot");
    }

    @Test
    void shouldFailAMessageNobodyAnsweredForByTheDeadlineAndLetALateSuccessWin() {
        String messageId = reply("Anyone?");

        assertThat(awaitUpdate(messageId, DeliveryStatus.FAILED).reason()).isEqualTo(DeliveryTracker.NO_ANSWER);

        publish(
                Topics.DELIVERY_RESULTS,
                new DeliverySucceeded(
                        UUID.randomUUID().toString(),
                        Instant.now(),
                        tenant,
                        conversation,
                        messageId,
                        Platform.TELEGRAM,
                        "9003",
                        3));
        awaitUpdate(messageId, DeliveryStatus.SENT);
    }

    @Test
    void shouldIgnoreAResultThatNamesAnotherTenant() {
        String messageId = reply("Mine");
        publish(
                Topics.DELIVERY_RESULTS,
                new DeliveryFailed(
                        UUID.randomUUID().toString(),
                        Instant.now(),
                        "intruder",
                        conversation,
                        messageId,
                        Platform.TELEGRAM,
                        "forged",
                        "0",
                        1));
        publish(
                Topics.DELIVERY_RESULTS,
                new DeliverySucceeded(
                        UUID.randomUUID().toString(),
                        Instant.now(),
                        tenant,
                        conversation,
                        messageId,
                        Platform.TELEGRAM,
                        "9004",
                        1));

        awaitUpdate(messageId, DeliveryStatus.SENT);
        assertThat(events.matching(DeliveryUpdated.class, e -> e.messageId().equals(messageId)))
                .extracting(DeliveryUpdated::status)
                .containsExactly(DeliveryStatus.SENT);
    }

    private String reply(String text) {
        publish(
                Topics.GATEWAY_COMMANDS,
                new MessageSendRequested(
                        UUID.randomUUID().toString(),
                        Instant.now(),
                        tenant,
                        conversation,
                        new Agent("7", "Sara"),
                        text,
                        null,
                        "gw-test"));
        return events.awaitEvents(
                        MessageCreated.class,
                        e -> e.conversationId().equals(conversation)
                                && e.message().content().equals(text),
                        1)
                .get(0)
                .message()
                .id();
    }

    private DeliveryUpdated awaitUpdate(String messageId, DeliveryStatus status) {
        return events.awaitEvents(
                        DeliveryUpdated.class, e -> e.messageId().equals(messageId) && e.status() == status, 1)
                .get(0);
    }

    private <V extends FikoEvent> void publish(Topic<? super V> topic, V event) {
        kafka.send(topic.name(), event.partitionKey(), EventJson.toBytes(event)).join();
    }
}
