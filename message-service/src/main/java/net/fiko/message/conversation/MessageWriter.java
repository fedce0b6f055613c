package net.fiko.message.conversation;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import net.fiko.events.EventJson;
import net.fiko.events.Message;
import net.fiko.events.MessageType;
import net.fiko.message.outbox.Outbox;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The one way messages are stored, whoever wrote them: {@link #begin} locks their conversations and counts what is
 * unread in them; the {@link MessageBatch} numbers each message and announces it; {@link MessageBatch#write} stores the
 * lot with a fixed number of statements, however many messages. {@code fiko.messages.stored}, by {@code type} (customer
 * or support), counts them once their transaction commits.
 */
@Component
public class MessageWriter {

    private static final String INSERT = """
            INSERT INTO messages (id, conversation_id, sequence, type, content, attachments, sender_user_id,
                                  sender_username, client_msg_id, platform_message_id, delivery_status, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """;

    private final Conversations conversations;
    private final UnreadCounts unreadCounts;
    private final Outbox outbox;
    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final Map<MessageType, Counter> stored = new EnumMap<>(MessageType.class);

    MessageWriter(
            Conversations conversations,
            UnreadCounts unreadCounts,
            Outbox outbox,
            JdbcTemplate jdbc,
            Clock clock,
            MeterRegistry meters) {
        for (MessageType type : MessageType.values()) {
            stored.put(
                    type,
                    Counter.builder("fiko.messages.stored")
                            .description("Messages stored, counted when their transaction commits")
                            .tag("type", type.name().toLowerCase(Locale.ROOT))
                            .register(meters));
        }
        this.conversations = conversations;
        this.unreadCounts = unreadCounts;
        this.outbox = outbox;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** A batch over these conversations, each locked until the caller's transaction ends. */
    @Transactional(propagation = Propagation.MANDATORY)
    public MessageBatch begin(Collection<UUID> conversationIds) {
        var locked = conversations.lockAll(conversationIds);
        return new MessageBatch(this, locked, unreadCounts.of(locked.keySet()), clock.instant());
    }

    void write(List<Message> messages, Collection<LockedConversation> locked, List<Outbox.Entry> events) {
        if (!messages.isEmpty()) {
            jdbc.batchUpdate(INSERT, messages.stream().map(MessageWriter::row).toList());
            countOnCommit(messages);
        }
        conversations.saveAll(locked);
        outbox.appendAll(events);
    }

    private void countOnCommit(List<Message> messages) {
        long customer =
                messages.stream().filter(m -> m.type() == MessageType.CUSTOMER).count();
        long support = messages.size() - customer;
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                stored.get(MessageType.CUSTOMER).increment(customer);
                stored.get(MessageType.SUPPORT).increment(support);
            }
        });
    }

    private static Object[] row(Message message) {
        return new Object[] {
            UUID.fromString(message.id()),
            UUID.fromString(message.conversationId()),
            message.sequence(),
            message.type().wireName(),
            message.content(),
            EventJson.toJson(message.attachments()),
            message.sender() == null ? null : message.sender().userId(),
            message.sender() == null ? null : message.sender().username(),
            message.clientMsgId(),
            message.platformMessageId(),
            message.status().wireName(),
            Timestamp.from(message.createdAt())
        };
    }
}
