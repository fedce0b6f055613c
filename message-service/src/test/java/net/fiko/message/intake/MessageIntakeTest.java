package net.fiko.message.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import net.fiko.events.Agent;
import net.fiko.events.Attachment;
import net.fiko.events.ConversationIds;
import net.fiko.events.Customer;
import net.fiko.events.DeliveryStatus;
import net.fiko.events.EventJson;
import net.fiko.events.FikoEvent;
import net.fiko.events.Message;
import net.fiko.events.MessageType;
import net.fiko.events.Platform;
import net.fiko.events.Topic;
import net.fiko.events.Topics;
import net.fiko.events.command.MarkReadRequested;
import net.fiko.events.command.MessageSendRequested;
import net.fiko.events.conversation.ConversationCreated;
import net.fiko.events.conversation.ConversationEvent;
import net.fiko.events.conversation.ConversationUpdated;
import net.fiko.events.conversation.MessageCreated;
import net.fiko.events.conversation.MessageEdited;
import net.fiko.events.conversation.MessagesRead;
import net.fiko.events.inbound.BusinessMessageSent;
import net.fiko.events.inbound.CustomerMessageEdited;
import net.fiko.events.inbound.CustomerMessageReceived;
import net.fiko.events.inbound.CustomerProfileUpdated;
import net.fiko.events.outbound.OutboundCommand;
import net.fiko.events.outbound.ReplyRequested;
import net.fiko.message.lifecycle.TenantAgents;
import net.fiko.testsupport.FikoTestProperties;
import net.fiko.testsupport.TestServers;
import net.fiko.testsupport.TopicRecorder;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

/** message-service on a real broker and a real PostgreSQL: commands and inbound messages become rows and events. */
// Closed after the class: a context left running would go on consuming the shared topics during later tests.
@DirtiesContext
@SpringBootTest(properties = "spring.config.name=message-service")
class MessageIntakeTest {

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) {
        FikoTestProperties.kafka(registry);
        FikoTestProperties.postgres(registry, "message_intake");
    }

    @Autowired
    KafkaTemplate<String, byte[]> kafka;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    TenantAgents agents;

    @Autowired
    TransactionTemplate transactions;

    @Value("${spring.kafka.consumer.group-id}")
    String groupId;

    @Test
    void anAgentShouldBeWrittenOnceOnTheBusyPathAndAgainOnlyWhenTheirTokenSaysSomethingNew() {
        String tenant = "tenant-" + UUID.randomUUID();
        Agent sara = new Agent("7", "Sara");
        // A poll that rolls back records nothing, and is not remembered as recorded.
        transactions.executeWithoutResult(status -> {
            agents.saw(tenant, sara);
            status.setRollbackOnly();
        });
        assertThat(agents.find(tenant, "7")).isEmpty();

        transactions.executeWithoutResult(status -> agents.saw(tenant, sara));
        assertThat(agents.find(tenant, "7")).contains(sara);

        // Recorded and unchanged: the next commands write nothing (the row is left as it is).
        jdbc.update("UPDATE tenant_agents SET username = 'as left' WHERE tenant_id = ?", tenant);
        transactions.executeWithoutResult(status -> agents.saw(tenant, sara));
        assertThat(agents.find(tenant, "7").orElseThrow().username()).isEqualTo("as left");

        // A new name, or a claim that became a number, is written.
        transactions.executeWithoutResult(status -> agents.saw(tenant, new Agent("7", "Sara K.", true)));
        assertThat(agents.find(tenant, "7")).contains(new Agent("7", "Sara K.", true));
    }

    TopicRecorder<ConversationEvent> conversationEvents;
    TopicRecorder<OutboundCommand> telegramOutbound;
    String tenant;
    String customerId;
    String conversationId;

    @BeforeEach
    void record() {
        conversationEvents = new TopicRecorder<>(Topics.CONVERSATION_EVENTS);
        telegramOutbound = new TopicRecorder<>(Topics.OUTBOUND_TELEGRAM);
        tenant = "tenant-" + UUID.randomUUID();
        customerId = Long.toString(System.nanoTime());
        conversationId = ConversationIds.forCustomer(tenant, Platform.TELEGRAM, null, customerId);
    }

    @AfterEach
    void stopRecording() {
        conversationEvents.close();
        telegramOutbound.close();
    }

    @Test
    void shouldStoreOneMessageAndAnnounceItOnceWhenThePlatformDeliversItTenTimes() {
        CustomerMessageReceived inbound = customerMessage("5521", "Where is my order?");
        for (int i = 0; i < 10; i++) {
            publish(Topics.INBOUND_MESSAGES, inbound);
        }
        publish(Topics.INBOUND_MESSAGES, customerMessage("5522", "Hello?"));

        List<MessageCreated> created = conversationEvents.awaitEvents(MessageCreated.class, this::ours, 2);
        assertThat(created).extracting(e -> e.message().content()).containsExactly("Where is my order?", "Hello?");
        assertThat(created).extracting(e -> e.message().sequence()).containsExactly(1L, 2L);
        assertThat(created.get(0).message().type()).isEqualTo(MessageType.CUSTOMER);
        assertThat(created.get(0).message().customer().firstName()).isEqualTo("John");
        assertThat(conversationEvents.matching(ConversationCreated.class, this::ours))
                .singleElement()
                .satisfies(e -> assertThat(e.conversation().title()).isEqualTo("telegram - John Doe"));
        assertThat(rows()).isEqualTo(2);
    }

    @Test
    void theCommittedOffsetsShouldReachTheEndOfTheStreamOnceItGoesQuiet() throws Exception {
        for (int i = 0; i < 5; i++) {
            publish(Topics.INBOUND_MESSAGES, customerMessage("quiet-" + i, "message " + i));
        }
        conversationEvents.awaitEvents(MessageCreated.class, this::ours, 5);

        // Offsets go on a timer (spring.kafka.listener.ack-time), not after every poll: they still reach what was
        // applied when no record follows, so a restart re-reads nothing that was applied long before.
        try (Admin admin =
                Admin.create(Map.of("bootstrap.servers", TestServers.kafka().bootstrapServers()))) {
            Map<TopicPartition, OffsetSpec> partitions = new HashMap<>();
            admin.describeTopics(List.of(Topics.INBOUND_MESSAGES.name()))
                    .allTopicNames()
                    .get()
                    .get(Topics.INBOUND_MESSAGES.name())
                    .partitions()
                    .forEach(p -> partitions.put(
                            new TopicPartition(Topics.INBOUND_MESSAGES.name(), p.partition()), OffsetSpec.latest()));
            Map<TopicPartition, Long> ends = new HashMap<>();
            admin.listOffsets(partitions).all().get().forEach((partition, end) -> ends.put(partition, end.offset()));
            await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
                Map<TopicPartition, Long> committed = new HashMap<>();
                admin.listConsumerGroupOffsets(groupId + ".inbound-messages")
                        .partitionsToOffsetAndMetadata()
                        .get()
                        .forEach((partition, offset) -> committed.put(partition, offset.offset()));
                ends.forEach((partition, end) -> {
                    if (end > 0) {
                        assertThat(committed.get(partition)).as("%s", partition).isEqualTo(end);
                    }
                });
            });
        }
    }

    @Test
    void shouldStoreAnAgentsReplyAsPendingAndAskTheConnectorToDeliverIt() {
        publish(Topics.INBOUND_MESSAGES, customerMessage("1", "Hi"));
        conversationEvents.awaitEvents(MessageCreated.class, this::ours, 1);

        var reply = new MessageSendRequested(
                UUID.randomUUID().toString(),
                Instant.now(),
                tenant,
                conversationId,
                new Agent("7", "Sara"),
                "It ships today.",
                "c-1",
                "gw-test");
        publish(Topics.GATEWAY_COMMANDS, reply);
        publish(Topics.GATEWAY_COMMANDS, reply);

        MessageCreated created = conversationEvents
                .awaitEvents(MessageCreated.class, e -> ours(e) && e.message().type() == MessageType.SUPPORT, 1)
                .get(0);
        assertThat(created.message().status()).isEqualTo(DeliveryStatus.PENDING);
        assertThat(created.message().sequence()).isEqualTo(2);
        assertThat(created.message().sender()).isEqualTo(new Agent("7", "Sara"));
        ReplyRequested delivery = telegramOutbound
                .awaitEvents(ReplyRequested.class, r -> r.conversationId().equals(conversationId), 1)
                .get(0);
        assertThat(delivery.messageId()).isEqualTo(created.message().id());
        assertThat(delivery.externalChatId()).isEqualTo(customerId);
        assertThat(delivery.content()).isEqualTo("It ships today.");

        publish(Topics.INBOUND_MESSAGES, customerMessage("2", "Thanks"));
        conversationEvents.awaitEvents(
                MessageCreated.class, e -> ours(e) && e.message().sequence() == 3, 1);
        assertThat(conversationEvents.matching(
                        MessageCreated.class, e -> ours(e) && e.message().type() == MessageType.SUPPORT))
                .hasSize(1);
        assertThat(rows()).isEqualTo(3);
    }

    @Test
    void anAgentsFilesShouldBeKeptWithTheMessageWhereTheConnectorServesThemAndGoToTheConnector() {
        publish(Topics.INBOUND_MESSAGES, customerMessage("1", "Hi"));
        conversationEvents.awaitEvents(MessageCreated.class, this::ours, 1);
        String upload = "upload-" + UUID.randomUUID();

        publish(
                Topics.GATEWAY_COMMANDS,
                new MessageSendRequested(
                        UUID.randomUUID().toString(),
                        Instant.now(),
                        tenant,
                        conversationId,
                        new Agent("7", "Sara"),
                        "",
                        "files-1",
                        "gw-test",
                        List.of(new Attachment(
                                "document", upload, "application/pdf", null, 900L, "invoice.pdf", null, null, null))));

        MessageCreated created = conversationEvents
                .awaitEvents(MessageCreated.class, e -> ours(e) && e.message().type() == MessageType.SUPPORT, 1)
                .get(0);
        assertThat(created.message().content()).isEmpty();
        assertThat(created.message().attachments()).singleElement().satisfies(file -> {
            assertThat(file.fileId()).isEqualTo(upload);
            assertThat(file.fileName()).isEqualTo("invoice.pdf");
            assertThat(file.url()).isEqualTo("http://localhost:8082/api/media/telegram/uploads/" + upload);
        });
        ReplyRequested delivery = telegramOutbound
                .awaitEvents(
                        ReplyRequested.class,
                        r -> r.messageId().equals(created.message().id()),
                        1)
                .get(0);
        assertThat(delivery.attachments()).isEqualTo(created.message().attachments());
    }

    @Test
    void shouldStoreABurstOfCustomersMessagesInTheirOrder() {
        publish(Topics.INBOUND_MESSAGES, customerMessage("1", "one"));
        conversationEvents.awaitEvents(MessageCreated.class, this::ours, 1);
        String newcomer = customerId + "-new";
        String fresh = ConversationIds.forCustomer(tenant, Platform.TELEGRAM, null, newcomer);

        // Sent without waiting for each other, so message-service takes them in one or a few polls.
        List.of(
                        customerMessage("2", "two"),
                        customerMessage(fresh, newcomer, "Neo", "1", "first of a new conversation"),
                        customerMessage("2", "two, delivered again by the platform"),
                        customerMessage(fresh, newcomer, "Neo", "2", "second of a new conversation"),
                        customerMessage("3", "three"),
                        customerMessage(conversationId, customerId, "Johnny", "4", "four, from a renamed customer"),
                        customerMessage(conversationId, customerId, "Johnny", "5", "five"))
                .forEach(inbound -> send(Topics.INBOUND_MESSAGES, inbound));
        kafka.flush();

        List<MessageCreated> ours = conversationEvents.awaitEvents(MessageCreated.class, this::ours, 5);
        assertThat(ours)
                .extracting(e -> e.message().content())
                .containsExactly("one", "two", "three", "four, from a renamed customer", "five");
        assertThat(ours).extracting(e -> e.message().sequence()).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(ours).extracting(e -> e.conversation().unreadCount()).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(ours)
                .extracting(e -> e.conversation().title())
                .containsExactly(
                        "telegram - John Doe",
                        "telegram - John Doe",
                        "telegram - John Doe",
                        "telegram - Johnny Doe",
                        "telegram - Johnny Doe");
        assertThat(ours.get(4).message().customer().firstName()).isEqualTo("Johnny");
        assertThat(conversationEvents.awaitEvents(ConversationUpdated.class, this::ours, 1))
                .singleElement()
                .satisfies(e -> assertThat(e.conversation().title()).isEqualTo("telegram - Johnny Doe"));

        List<MessageCreated> newcomers = conversationEvents.awaitEvents(
                MessageCreated.class, e -> e.conversationId().equals(fresh), 2);
        assertThat(newcomers)
                .extracting(e -> e.message().content())
                .containsExactly("first of a new conversation", "second of a new conversation");
        assertThat(newcomers).extracting(e -> e.message().sequence()).containsExactly(1L, 2L);
        assertThat(conversationEvents.matching(
                        ConversationCreated.class, e -> e.conversationId().equals(fresh)))
                .hasSize(1);
        assertThat(rows()).isEqualTo(5);
        assertThat(jdbc.queryForObject(
                        "select last_sequence from conversations where id = ?::uuid", Long.class, conversationId))
                .isEqualTo(5L);
    }

    @Test
    void shouldApplyABurstOfCommandsInTheirOrderAcrossConversations() {
        String otherCustomer = customerId + "-2";
        String other = ConversationIds.forCustomer(tenant, Platform.TELEGRAM, null, otherCustomer);
        publish(Topics.INBOUND_MESSAGES, customerMessage("1", "Hi"));
        publish(Topics.INBOUND_MESSAGES, customerMessage(other, otherCustomer, "Jane", "1", "Hello"));
        conversationEvents.awaitEvents(
                MessageCreated.class, e -> e.conversationId().equals(other), 1);
        conversationEvents.awaitEvents(MessageCreated.class, this::ours, 1);

        Agent sara = new Agent("7", "Sara");
        // Sent without waiting for each other, so message-service takes them in one or a few polls.
        List<MessageSendRequested> burst = List.of(
                reply(conversationId, sara, "first", "c-1"),
                reply(other, sara, "to the other", "c-1"),
                reply(conversationId, sara, "second", "c-2"),
                reply(conversationId, sara, "first, resent", "c-1"));
        burst.forEach(command -> send(Topics.GATEWAY_COMMANDS, command));
        send(
                Topics.GATEWAY_COMMANDS,
                new MarkReadRequested(UUID.randomUUID().toString(), Instant.now(), tenant, conversationId, sara));
        send(Topics.GATEWAY_COMMANDS, burst.get(2));
        send(Topics.GATEWAY_COMMANDS, reply(conversationId, sara, "third", "c-3"));
        kafka.flush();

        List<MessageCreated> ours = conversationEvents.awaitEvents(
                MessageCreated.class, e -> ours(e) && e.message().type() == MessageType.SUPPORT, 3);
        assertThat(ours).extracting(e -> e.message().content()).containsExactly("first", "second", "third");
        assertThat(ours).extracting(e -> e.message().sequence()).containsExactly(2L, 3L, 4L);
        assertThat(ours).extracting(e -> e.conversation().unreadCount()).containsExactly(1L, 1L, 0L);
        assertThat(ours)
                .extracting(e -> e.conversation().lastMessage().id())
                .containsExactlyElementsOf(
                        ours.stream().map(e -> e.message().id()).toList());
        MessagesRead read = conversationEvents
                .awaitEvents(MessagesRead.class, this::ours, 1)
                .get(0);
        assertThat(read.upToSequence()).isEqualTo(3L);
        List<MessageCreated> others = conversationEvents.awaitEvents(
                MessageCreated.class,
                e -> e.conversationId().equals(other) && e.message().type() == MessageType.SUPPORT,
                1);
        assertThat(others.get(0).message().sequence()).isEqualTo(2L);
        assertThat(others.get(0).message().customer().firstName()).isEqualTo("Jane");

        publish(Topics.INBOUND_MESSAGES, customerMessage("2", "Thanks"));
        conversationEvents.awaitEvents(
                MessageCreated.class, e -> ours(e) && e.message().sequence() == 5, 1);
        assertThat(conversationEvents.matching(MessageCreated.class, this::ours))
                .hasSize(5);
        assertThat(rows()).isEqualTo(5);
        assertThat(jdbc.queryForObject("select last_sequence from conversations where id = ?::uuid", Long.class, other))
                .isEqualTo(2L);

        // Resent long after, in a batch of its own: the stored client id is what drops it, and only for its agent.
        publish(Topics.GATEWAY_COMMANDS, reply(conversationId, sara, "first, resent later", "c-1"));
        publish(Topics.GATEWAY_COMMANDS, reply(conversationId, new Agent("8", "Omar"), "Omar's own c-1", "c-1"));
        MessageCreated omars = conversationEvents
                .awaitEvents(MessageCreated.class, e -> ours(e) && e.message().sequence() == 6, 1)
                .get(0);
        assertThat(omars.message().content()).isEqualTo("Omar's own c-1");
        assertThat(rows()).isEqualTo(6);
    }

    @Test
    void aCustomerShouldHaveAConversationOnEachChannelAndKeepTheOneOpenedBeforeIdsNamedTheChannel() {
        // Opened before conversation ids named the channel (the id without it), on the tenant's bot tg-1.
        publish(Topics.INBOUND_MESSAGES, customerMessage("1", "Hi"));
        conversationEvents.awaitEvents(MessageCreated.class, this::ours, 1);

        // The connector now derives the id with the channel: the messages join the conversation the customer has on
        // tg-1, the first on the one-at-a-time path (which records the alias), the next ones through the alias.
        String onTg1 = ConversationIds.forCustomer(tenant, Platform.TELEGRAM, "tg-1", customerId);
        publish(Topics.INBOUND_MESSAGES, through("tg-1", onTg1, "2", "Still me"));
        publish(Topics.INBOUND_MESSAGES, through("tg-1", onTg1, "3", "And again"));
        publish(Topics.INBOUND_MESSAGES, through("tg-1", onTg1, "3", "And again"));
        conversationEvents.awaitEvents(
                MessageCreated.class, e -> ours(e) && e.message().sequence() == 3, 1);
        assertThat(jdbc.queryForObject(
                        "select conversation_id::text from conversation_aliases where alias = ?::uuid",
                        String.class,
                        onTg1))
                .isEqualTo(conversationId);

        // The same customer on the tenant's other bot: a conversation of its own.
        String onTg2 = ConversationIds.forCustomer(tenant, Platform.TELEGRAM, "tg-2", customerId);
        publish(Topics.INBOUND_MESSAGES, through("tg-2", onTg2, "4", "Hello other bot"));
        MessageCreated other = conversationEvents
                .awaitEvents(MessageCreated.class, e -> e.conversationId().equals(onTg2), 1)
                .get(0);
        assertThat(other.message().sequence()).isEqualTo(1);
        assertThat(other.conversation().unreadCount()).isEqualTo(1);
        // A message for the first conversation through tg-2 (a producer deriving ids without the channel) is kept
        // there, and moves none of its replies to tg-2.
        publish(Topics.INBOUND_MESSAGES, through("tg-2", conversationId, "5", "Through the other bot"));
        conversationEvents.awaitEvents(
                MessageCreated.class, e -> ours(e) && e.message().sequence() == 4, 1);

        Agent sara = new Agent("7", "Sara");
        publish(Topics.GATEWAY_COMMANDS, reply(conversationId, sara, "Answer on tg-1", "c-1"));
        publish(Topics.GATEWAY_COMMANDS, reply(onTg2, sara, "Answer on tg-2", "c-2"));
        List<ReplyRequested> replies = telegramOutbound.awaitEvents(
                ReplyRequested.class, r -> r.tenantId().equals(tenant), 2);
        assertThat(replies)
                .extracting(ReplyRequested::conversationId, ReplyRequested::channelId)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple(conversationId, "tg-1"),
                        org.assertj.core.groups.Tuple.tuple(onTg2, "tg-2"));
        assertThat(rows()).isEqualTo(5);
        assertThat(jdbc.queryForObject("select count(*) from conversations where tenant_id = ?", Long.class, tenant))
                .isEqualTo(2);
    }

    private CustomerMessageReceived through(String channel, String conversation, String platformId, String text) {
        CustomerMessageReceived message = customerMessage(conversation, customerId, "John", platformId, text);
        return new CustomerMessageReceived(
                message.eventId(),
                message.occurredAt(),
                tenant,
                conversation,
                channel,
                Platform.TELEGRAM,
                customerId,
                platformId,
                message.customer(),
                text,
                List.of(),
                message.sentAt());
    }

    private MessageSendRequested reply(String conversation, Agent agent, String text, String clientMsgId) {
        return new MessageSendRequested(
                UUID.randomUUID().toString(), Instant.now(), tenant, conversation, agent, text, clientMsgId, "gw-test");
    }

    @Test
    void shouldDropACommandForAnotherTenantsConversation() {
        publish(Topics.INBOUND_MESSAGES, customerMessage("1", "Hi"));
        conversationEvents.awaitEvents(MessageCreated.class, this::ours, 1);

        publish(
                Topics.GATEWAY_COMMANDS,
                new MessageSendRequested(
                        UUID.randomUUID().toString(),
                        Instant.now(),
                        "another-tenant",
                        conversationId,
                        new Agent("8", "Mallory"),
                        "Not yours",
                        null,
                        "gw-test"));
        publish(Topics.INBOUND_MESSAGES, customerMessage("2", "Still there?"));

        conversationEvents.awaitEvents(
                MessageCreated.class, e -> ours(e) && e.message().sequence() == 2, 1);
        assertThat(conversationEvents.matching(MessageCreated.class, this::ours))
                .extracting(e -> e.message().content())
                .containsExactly("Hi", "Still there?");
    }

    @Test
    void shouldAnnounceTheConversationAgainWhenTheCustomerIsRenamed() {
        publish(Topics.INBOUND_MESSAGES, customerMessage("1", "Hi"));
        var renamed = new CustomerMessageReceived(
                UUID.randomUUID().toString(),
                Instant.now(),
                tenant,
                conversationId,
                "tg-1",
                Platform.TELEGRAM,
                customerId,
                "2",
                new Customer(null, Platform.TELEGRAM, customerId, "Johnny", "Doe", "johndoe"),
                "It's me",
                List.of(),
                Instant.now());
        publish(Topics.INBOUND_MESSAGES, renamed);

        ConversationUpdated updated = conversationEvents
                .awaitEvents(ConversationUpdated.class, this::ours, 1)
                .get(0);
        assertThat(updated.conversation().title()).isEqualTo("telegram - Johnny Doe");
        assertThat(updated.conversation().unreadCount()).isEqualTo(2);
        assertThat(updated.conversation().lastMessage().content()).isEqualTo("It's me");
        publish(Topics.INBOUND_MESSAGES, customerMessage("3", "Same name as before the rename"));
        conversationEvents.awaitEvents(
                MessageCreated.class, e -> ours(e) && e.message().sequence() == 3, 1);
        assertThat(conversationEvents.matching(ConversationUpdated.class, this::ours))
                .hasSize(2);
    }

    @Test
    void shouldApplyTheCustomersEditOnceAndIgnoreAnOlderOne() {
        publish(Topics.INBOUND_MESSAGES, customerMessage("5521", "Where is my ordr?"));
        Message original = conversationEvents
                .awaitEvents(MessageCreated.class, this::ours, 1)
                .get(0)
                .message();
        Instant editedAt = Instant.parse("2026-11-25T10:31:58Z");
        CustomerMessageEdited edit = edit("5521", "Where is my order?", editedAt);
        publish(Topics.INBOUND_MESSAGES, edit);
        publish(Topics.INBOUND_MESSAGES, edit);
        publish(Topics.INBOUND_MESSAGES, edit("5521", "an older edit", editedAt.minusSeconds(30)));
        publish(Topics.INBOUND_MESSAGES, edit("no-such-message", "lost", editedAt));
        publish(Topics.INBOUND_MESSAGES, customerMessage("5522", "Hello?"));
        conversationEvents.awaitEvents(MessageCreated.class, this::ours, 2);

        MessageEdited edited = conversationEvents
                .awaitEvents(MessageEdited.class, this::ours, 1)
                .get(0);
        assertThat(edited.message().id()).isEqualTo(original.id());
        assertThat(edited.message().sequence()).isEqualTo(original.sequence());
        assertThat(edited.message().content()).isEqualTo("Where is my order?");
        assertThat(edited.editedAt()).isEqualTo(editedAt);
        assertThat(conversationEvents.matching(MessageEdited.class, this::ours)).hasSize(1);
        assertThat(jdbc.queryForObject("select content from messages where id = ?::uuid", String.class, original.id()))
                .isEqualTo("Where is my order?");
        assertThat(rows()).isEqualTo(2);
    }

    @Test
    void shouldKeepTheReplyWindowStoreTheBusinessAppsMessagesAndFollowTheProfile() {
        Instant until = Instant.parse("2026-11-26T10:30:00Z");
        CustomerMessageReceived first = customerMessage("m-1", "Do you ship abroad?");
        publish(
                Topics.INBOUND_MESSAGES,
                new CustomerMessageReceived(
                        first.eventId(),
                        first.occurredAt(),
                        tenant,
                        conversationId,
                        "ig-1",
                        Platform.INSTAGRAM,
                        customerId,
                        "m-1",
                        new Customer(null, Platform.INSTAGRAM, customerId, null, null, null),
                        "Do you ship abroad?",
                        List.of(),
                        Instant.now(),
                        until));
        MessageCreated received = conversationEvents
                .awaitEvents(MessageCreated.class, this::ours, 1)
                .get(0);
        assertThat(received.conversation().replyAllowedUntil()).isEqualTo(until);

        var echo = new BusinessMessageSent(
                UUID.randomUUID().toString(),
                Instant.now(),
                tenant,
                conversationId,
                "ig-1",
                Platform.INSTAGRAM,
                customerId,
                "m-2",
                new Customer(null, Platform.INSTAGRAM, customerId, null, null, null),
                "Yes, to 40 countries.",
                List.of(),
                Instant.now());
        publish(Topics.INBOUND_MESSAGES, echo);
        publish(Topics.INBOUND_MESSAGES, echo);
        var profile = new CustomerProfileUpdated(
                UUID.randomUUID().toString(),
                Instant.now(),
                tenant,
                conversationId,
                "ig-1",
                Platform.INSTAGRAM,
                new Customer(null, Platform.INSTAGRAM, customerId, "Mina Rahimi", null, "mina.r"));
        publish(Topics.INBOUND_MESSAGES, profile);

        Message fromApp = conversationEvents
                .awaitEvents(MessageCreated.class, this::ours, 2)
                .get(1)
                .message();
        assertThat(fromApp.type()).isEqualTo(MessageType.SUPPORT);
        assertThat(fromApp.sender()).isNull();
        assertThat(fromApp.status()).isEqualTo(DeliveryStatus.SENT);
        assertThat(fromApp.sequence()).isEqualTo(2);
        ConversationUpdated renamed = conversationEvents
                .awaitEvents(ConversationUpdated.class, this::ours, 1)
                .get(0);
        assertThat(renamed.conversation().title()).isEqualTo("instagram - Mina Rahimi");
        assertThat(renamed.conversation().lastMessage().id()).isEqualTo(fromApp.id());
        assertThat(renamed.conversation().replyAllowedUntil()).isEqualTo(until);
        assertThat(rows()).isEqualTo(2);
    }

    @Test
    void outboxShouldBeEmptyOnceEverythingIsPublished() {
        publish(Topics.INBOUND_MESSAGES, customerMessage("1", "Hi"));
        conversationEvents.awaitEvents(MessageCreated.class, this::ours, 1);

        await().atMost(Duration.ofSeconds(10))
                .until(() -> jdbc.queryForObject("select count(*) from outbox_events", Long.class) == 0);
    }

    private boolean ours(FikoEvent event) {
        return event.conversationId().equals(conversationId);
    }

    private long rows() {
        return jdbc.queryForObject(
                "select count(*) from messages where conversation_id = ?::uuid", Long.class, conversationId);
    }

    private CustomerMessageReceived customerMessage(String platformId, String text) {
        return customerMessage(conversationId, customerId, "John", platformId, text);
    }

    private CustomerMessageReceived customerMessage(
            String conversation, String customer, String firstName, String platformId, String text) {
        return new CustomerMessageReceived(
                UUID.randomUUID().toString(),
                Instant.now(),
                tenant,
                conversation,
                "tg-1",
                Platform.TELEGRAM,
                customer,
                platformId,
                new Customer(null, Platform.TELEGRAM, customer, firstName, "Doe", "johndoe"),
                text,
                List.of(),
                Instant.now());
    }

    private CustomerMessageEdited edit(String platformId, String text, Instant editedAt) {
        return new CustomerMessageEdited(
                UUID.randomUUID().toString(),
                Instant.now(),
                tenant,
                conversationId,
                "tg-1",
                Platform.TELEGRAM,
                platformId,
                text,
                List.of(),
                editedAt);
    }

    private <V extends FikoEvent> void publish(Topic<? super V> topic, V event) {
        send(topic, event).join();
    }

    private <V extends FikoEvent> CompletableFuture<?> send(Topic<? super V> topic, V event) {
        return kafka.send(topic.name(), event.partitionKey(), EventJson.toBytes(event));
    }
}
