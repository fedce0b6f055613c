package net.fiko.message.recovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import net.fiko.events.Agent;
import net.fiko.events.ConversationIds;
import net.fiko.events.Customer;
import net.fiko.events.EventJson;
import net.fiko.events.FikoEvent;
import net.fiko.events.Platform;
import net.fiko.events.Topic;
import net.fiko.events.Topics;
import net.fiko.events.command.MessageSendRequested;
import net.fiko.events.conversation.ConversationEvent;
import net.fiko.events.conversation.MessageCreated;
import net.fiko.events.inbound.CustomerMessageReceived;
import net.fiko.events.unread.UnreadCountChanged;
import net.fiko.testsupport.DeadLetterRecorder;
import net.fiko.testsupport.FikoTestProperties;
import net.fiko.testsupport.TopicRecorder;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A record no retry can ever store (not an event; data PostgreSQL refuses) goes to its topic's dead-letter topic, as it
 * was, with the reason; the listener goes on with the next record of every tenant.
 */
@DirtiesContext
@SpringBootTest(properties = "spring.config.name=message-service")
class PoisonRecordTest {

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) {
        FikoTestProperties.kafka(registry);
        FikoTestProperties.postgres(registry, "poison_records");
    }

    @Autowired
    KafkaTemplate<String, byte[]> kafka;

    @Autowired
    MeterRegistry meters;

    TopicRecorder<ConversationEvent> events;
    String tenant;
    String conversation;

    @BeforeEach
    void record() {
        events = new TopicRecorder<>(Topics.CONVERSATION_EVENTS);
        tenant = "tenant-" + UUID.randomUUID();
        conversation = ConversationIds.forCustomer(tenant, Platform.TELEGRAM, null, "42");
    }

    @AfterEach
    void stopRecording() {
        events.close();
    }

    @Test
    void commandsNoRetryCanStoreShouldBeDeadLetteredAndTheNextStored() {
        customerWrites(conversation, "Hello");
        String otherTenant = "tenant-" + UUID.randomUUID();
        String otherConversation = ConversationIds.forCustomer(otherTenant, Platform.TELEGRAM, null, "43");
        customerWrites(otherTenant, otherConversation, "Hi");
        double before = deadLetters(Topics.GATEWAY_COMMANDS);

        try (DeadLetterRecorder deadLetters = new DeadLetterRecorder(Topics.GATEWAY_COMMANDS)) {
            send(Topics.GATEWAY_COMMANDS.name(), conversation, "{not json");
            MessageSendRequested nul = reply(tenant, conversation, "nul \u0000 inside", null);
            publish(Topics.GATEWAY_COMMANDS, nul);
            // Random, so PostgreSQL cannot compress it into the index: over the index row's 2,704 bytes.
            MessageSendRequested overlongId = reply(tenant, conversation, "long id", randomText(3_000));
            publish(Topics.GATEWAY_COMMANDS, overlongId);
            publish(Topics.GATEWAY_COMMANDS, reply(tenant, conversation, "after the poison", "c-1"));
            publish(Topics.GATEWAY_COMMANDS, reply(otherTenant, otherConversation, "another tenant's", "c-2"));

            assertThat(events.awaitEvents(
                            MessageCreated.class, e -> e.message().content().equals("after the poison"), 1))
                    .singleElement()
                    .satisfies(e -> assertThat(e.conversationId()).isEqualTo(conversation));
            events.awaitEvents(MessageCreated.class, e -> e.message().content().equals("another tenant's"), 1);

            ConsumerRecord<String, byte[]> notJson = deadLetters.awaitValue("{not json");
            assertThat(notJson.key()).isEqualTo(conversation);
            assertThat(DeadLetterRecorder.header(notJson, "kafka_dlt-original-topic"))
                    .isEqualTo(Topics.GATEWAY_COMMANDS.name());
            assertThat(DeadLetterRecorder.header(notJson, "kafka_dlt-exception-message"))
                    .contains("Not an event");
            ConsumerRecord<String, byte[]> refused = deadLetters.awaitValue(EventJson.toJson(nul));
            assertThat(DeadLetterRecorder.header(refused, "kafka_dlt-exception-cause-fqcn") + " "
                            + DeadLetterRecorder.header(refused, "kafka_dlt-exception-message"))
                    .containsIgnoringCase("0x00");
            deadLetters.awaitValue(EventJson.toJson(overlongId));
        }
        assertThat(events.matching(MessageCreated.class, e -> e.conversationId().equals(conversation)))
                .extracting(e -> e.message().content())
                .containsExactly("Hello", "after the poison");
        await().atMost(Duration.ofSeconds(10)).until(() -> deadLetters(Topics.GATEWAY_COMMANDS) >= before + 3);
    }

    @Test
    void inboundMessagesNoRetryCanStoreShouldBeDeadLetteredAndTheNextStored() {
        try (DeadLetterRecorder deadLetters = new DeadLetterRecorder(Topics.INBOUND_MESSAGES)) {
            send(Topics.INBOUND_MESSAGES.name(), conversation, "[]");
            CustomerMessageReceived nul = customerMessage(tenant, conversation, "nul \u0000 from another producer");
            publish(Topics.INBOUND_MESSAGES, nul);
            // 500,000 characters: its message_created would carry them twice, over Kafka's 1 MB record.
            CustomerMessageReceived huge = customerMessage(tenant, conversation, "x".repeat(500_000));
            publish(Topics.INBOUND_MESSAGES, huge);
            customerWrites(conversation, "the next one");

            deadLetters.awaitValue("[]");
            deadLetters.awaitValue(EventJson.toJson(nul));
            assertThat(DeadLetterRecorder.header(
                            deadLetters.awaitValue(EventJson.toJson(huge)), "kafka_dlt-exception-message"))
                    .contains("over the 16384 stored");
        }
        assertThat(events.matching(MessageCreated.class, e -> e.conversationId().equals(conversation)))
                .extracting(e -> e.message().content())
                .containsExactly("the next one");
    }

    @Test
    void everyOtherListenerShouldDeadLetterARecordThatIsNoEvent() {
        for (Topic<?> topic : List.of(Topics.DELIVERY_RESULTS, Topics.GATEWAY_QUERIES)) {
            try (DeadLetterRecorder deadLetters = new DeadLetterRecorder(topic)) {
                String garbage = "garbage for " + topic.name() + " " + UUID.randomUUID();
                send(topic.name(), conversation, garbage);

                assertThat(DeadLetterRecorder.header(deadLetters.awaitValue(garbage), "kafka_dlt-original-topic"))
                        .isEqualTo(topic.name());
            }
        }
        customerWrites(conversation, "still stored");
    }

    @Test
    void theUnreadCountStreamShouldDeadLetterARecordThatIsNoEventAndGoOnCounting() {
        try (DeadLetterRecorder deadLetters = new DeadLetterRecorder(Topics.CONVERSATION_EVENTS);
                TopicRecorder<UnreadCountChanged> counts = new TopicRecorder<>(Topics.UNREAD_COUNTS)) {
            String garbage = "{\"type\":\"message_created\",\"message\":" + UUID.randomUUID() + "}";
            send(Topics.CONVERSATION_EVENTS.name(), conversation, garbage);
            // Not through customerWrites: its recorder of the conversation stream would choke on the garbage too.
            publish(Topics.INBOUND_MESSAGES, customerMessage(tenant, conversation, "counted after the poison"));

            assertThat(DeadLetterRecorder.header(deadLetters.awaitValue(garbage), "kafka_dlt-original-topic"))
                    .isEqualTo(Topics.CONVERSATION_EVENTS.name());
            assertThat(counts.awaitEvents(
                            UnreadCountChanged.class, c -> c.conversationId().equals(conversation), 1))
                    .extracting(UnreadCountChanged::unreadCount)
                    .containsExactly(1L);
        }
    }

    private double deadLetters(Topic<?> topic) {
        var counter = meters.find("fiko.kafka.dead.letters")
                .tag("topic", topic.name())
                .counter();
        return counter == null ? 0 : counter.count();
    }

    private void customerWrites(String conversationId, String text) {
        customerWrites(tenant, conversationId, text);
    }

    private void customerWrites(String tenantId, String conversationId, String text) {
        publish(Topics.INBOUND_MESSAGES, customerMessage(tenantId, conversationId, text));
        events.awaitEvents(
                MessageCreated.class,
                e -> e.conversationId().equals(conversationId)
                        && e.message().content().equals(text),
                1);
    }

    private static CustomerMessageReceived customerMessage(String tenantId, String conversationId, String text) {
        return new CustomerMessageReceived(
                UUID.randomUUID().toString(),
                Instant.now(),
                tenantId,
                conversationId,
                "tg-1",
                Platform.TELEGRAM,
                "42",
                UUID.randomUUID().toString(),
                new Customer(null, Platform.TELEGRAM, "42", "John", "Doe", "johndoe"),
                text,
                List.of(),
                Instant.now());
    }

    private static MessageSendRequested reply(String tenantId, String conversationId, String text, String clientMsgId) {
        return new MessageSendRequested(
                UUID.randomUUID().toString(),
                Instant.now(),
                tenantId,
                conversationId,
                new Agent("7", "Sara"),
                text,
                clientMsgId,
                "gw-test");
    }

    private static String randomText(int length) {
        byte[] bytes = new byte[length];
        new SecureRandom().nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes).substring(0, length);
    }

    private <V extends FikoEvent> void publish(Topic<? super V> topic, V event) {
        kafka.send(topic.name(), event.partitionKey(), EventJson.toBytes(event)).join();
    }

    private void send(String topic, String key, String value) {
        kafka.send(topic, key, value.getBytes(StandardCharsets.UTF_8)).join();
    }
}
