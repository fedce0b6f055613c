package net.fiko.message.message;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import net.fiko.events.DeliveryStatus;
import net.fiko.events.EventJson;
import net.fiko.events.Message;
import net.fiko.events.MessageType;
import net.fiko.events.Topics;
import net.fiko.events.conversation.MessageCreated;
import net.fiko.events.inbound.CustomerMessageReceived;
import net.fiko.message.conversation.Conversations;
import net.fiko.message.conversation.LockedConversation;
import net.fiko.message.conversation.UnreadCounts;
import net.fiko.message.outbox.Outbox;
import net.fiko.message.system.ConsumedEvents;
import net.fiko.message.system.SqlArrays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Stores customers' messages from the connectors a poll's batch at a time, in plain SQL, for the common case: a
 * conversation that exists, a customer whose profile is unchanged. A conversation's first message and a message
 * that renames its customer change more than this path writes; those, and every later message of their conversation
 * in the batch, are left to {@link MessageIntake#receive}, one at a time, after the batch, so each conversation's
 * messages are still numbered in the order they came. A message already stored (the same platform id) is stored once
 * and announced once.
 */
@Service
class CustomerMessages {

    private static final Logger log = LoggerFactory.getLogger(CustomerMessages.class);

    private static final String INSERT = """
            INSERT INTO messages (id, conversation_id, sequence, type, content, attachments, platform_message_id,
                                  delivery_status, created_at)
            VALUES (?, ?, ?, 'customer', ?, ?, ?, 'delivered', ?)
            """;

    private final Conversations conversations;
    private final UnreadCounts unreadCounts;
    private final ConsumedEvents consumed;
    private final Outbox outbox;
    private final JdbcTemplate jdbc;
    private final Clock clock;

    CustomerMessages(
            Conversations conversations,
            UnreadCounts unreadCounts,
            ConsumedEvents consumed,
            Outbox outbox,
            JdbcTemplate jdbc,
            Clock clock) {
        this.conversations = conversations;
        this.unreadCounts = unreadCounts;
        this.consumed = consumed;
        this.outbox = outbox;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * Applies the messages this path can, in the caller's transaction; returns the others, in their order, for
     * {@link MessageIntake#receive}.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public List<CustomerMessageReceived> receiveAll(List<CustomerMessageReceived> batch) {
        Set<UUID> ids = new LinkedHashSet<>();
        batch.forEach(inbound -> Conversations.parse(inbound.conversationId()).ifPresent(ids::add));
        Map<UUID, LockedConversation> locked = conversations.lockAll(ids);

        List<CustomerMessageReceived> here = new ArrayList<>();
        List<CustomerMessageReceived> left = new ArrayList<>();
        Set<String> leftConversations = new HashSet<>();
        for (CustomerMessageReceived inbound : batch) {
            LockedConversation conversation = Conversations.parse(inbound.conversationId())
                    .map(locked::get)
                    .orElse(null);
            if (conversation == null
                    || leftConversations.contains(inbound.conversationId())
                    || !conversation.tenantId().equals(inbound.tenantId())
                    || !conversation.keepsCustomer(inbound.customer())) {
                leftConversations.add(inbound.conversationId());
                left.add(inbound);
            } else {
                here.add(inbound);
            }
        }
        if (!here.isEmpty()) {
            store(here, locked);
        }
        return left;
    }

    private void store(List<CustomerMessageReceived> batch, Map<UUID, LockedConversation> locked) {
        Set<String> fresh = consumed.firstTimes(
                batch.stream().map(CustomerMessageReceived::eventId).toList());
        Set<UUID> ids = new HashSet<>();
        batch.forEach(inbound -> ids.add(UUID.fromString(inbound.conversationId())));
        Set<PlatformKey> known = storedPlatformIds(batch, ids);
        Map<UUID, Long> unread = new HashMap<>(unreadCounts.of(ids));

        Instant now = clock.instant();
        List<Object[]> rows = new ArrayList<>(batch.size());
        List<Outbox.Entry> events = new ArrayList<>(batch.size());
        for (CustomerMessageReceived inbound : batch) {
            if (!fresh.remove(inbound.eventId())) {
                continue;
            }
            LockedConversation conversation = locked.get(UUID.fromString(inbound.conversationId()));
            if (inbound.channelId() != null && !inbound.channelId().equals(conversation.channelId())) {
                conversations.recordChannel(inbound.channelId(), inbound.tenantId(), inbound.platform(), now);
            }
            conversation.receivedFrom(inbound.channelId(), inbound.externalChatId(), inbound.replyAllowedUntil());
            if (inbound.platformMessageId() != null
                    && !known.add(new PlatformKey(conversation.id(), inbound.platformMessageId()))) {
                log.debug("Dropped a repeated {} message {}", inbound.platform(), inbound.platformMessageId());
                continue;
            }
            Message stored = new Message(
                    UUID.randomUUID().toString(),
                    inbound.conversationId(),
                    conversation.nextSequence(now),
                    MessageType.CUSTOMER,
                    inbound.content(),
                    inbound.attachments(),
                    conversation.customer(),
                    null,
                    null,
                    inbound.platformMessageId(),
                    DeliveryStatus.DELIVERED,
                    now);
            rows.add(new Object[] {
                UUID.fromString(stored.id()),
                conversation.id(),
                stored.sequence(),
                stored.content(),
                EventJson.toJson(stored.attachments()),
                stored.platformMessageId(),
                Timestamp.from(now)
            });
            events.add(Outbox.Entry.of(
                    Topics.CONVERSATION_EVENTS,
                    new MessageCreated(
                            UUID.randomUUID().toString(),
                            now,
                            conversation.tenantId(),
                            stored.conversationId(),
                            stored,
                            conversation.toSnapshot(stored, unread.merge(conversation.id(), 1L, Long::sum)))));
        }
        if (!rows.isEmpty()) {
            jdbc.batchUpdate(INSERT, rows);
        }
        conversations.saveAll(locked.values());
        outbox.appendAll(events);
    }

    /** The platform ids of these customers' messages already stored in these conversations. */
    private Set<PlatformKey> storedPlatformIds(List<CustomerMessageReceived> batch, Set<UUID> conversationIds) {
        Set<PlatformKey> known = new HashSet<>();
        Set<String> platformIds = new HashSet<>();
        batch.stream()
                .map(CustomerMessageReceived::platformMessageId)
                .filter(Objects::nonNull)
                .forEach(platformIds::add);
        if (platformIds.isEmpty()) {
            return known;
        }
        jdbc.query(
                "SELECT conversation_id, platform_message_id FROM messages WHERE conversation_id = ANY (?)"
                        + " AND platform_message_id = ANY (?) AND platform_message_id IS NOT NULL AND type = 'customer'",
                statement -> {
                    statement.setArray(1, SqlArrays.uuids(statement, conversationIds));
                    statement.setArray(2, SqlArrays.texts(statement, platformIds));
                },
                row -> {
                    known.add(new PlatformKey(row.getObject(1, UUID.class), row.getString(2)));
                });
        return known;
    }

    /** A platform's id of a customer's message in a conversation: what makes a redelivery the same message. */
    private record PlatformKey(UUID conversationId, String platformMessageId) {}
}
