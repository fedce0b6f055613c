package net.fiko.message.message;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import net.fiko.events.DeliveryStatus;
import net.fiko.events.Message;
import net.fiko.events.MessageType;
import net.fiko.events.Platform;
import net.fiko.events.Topics;
import net.fiko.events.command.MessageSendRequested;
import net.fiko.events.conversation.MessageCreated;
import net.fiko.events.outbound.ReplyRequested;
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
 * Stores agents' messages from the gateways and writes their events, a poll's batch at a time: the busiest path of
 * the service, so it is plain SQL with a fixed number of statements per batch, not per message (record the event
 * ids, lock the conversations, look up client ids, count unread, insert the messages, renumber the conversations,
 * append the events). A message already stored (the same client id from the same agent in the conversation) is
 * stored once and announced once.
 */
@Service
class AgentMessages {

    private static final Logger log = LoggerFactory.getLogger(AgentMessages.class);

    private static final String INSERT = """
            INSERT INTO messages (id, conversation_id, sequence, type, content, attachments, sender_user_id,
                                  sender_username, client_msg_id, delivery_status, created_at)
            VALUES (?, ?, ?, 'support', ?, '[]', ?, ?, ?, ?, ?)
            """;

    private final Conversations conversations;
    private final UnreadCounts unreadCounts;
    private final ConsumedEvents consumed;
    private final Outbox outbox;
    private final JdbcTemplate jdbc;
    private final Clock clock;

    AgentMessages(
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

    /** Applies the commands in their order, in the caller's transaction. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void submitAll(List<MessageSendRequested> commands) {
        Set<String> fresh = consumed.firstTimes(
                commands.stream().map(MessageSendRequested::eventId).toList());
        List<MessageSendRequested> todo = commands.stream()
                .filter(command -> fresh.remove(command.eventId()))
                .toList();
        if (todo.isEmpty()) {
            return;
        }
        Set<UUID> ids = new LinkedHashSet<>();
        todo.forEach(command -> Conversations.parse(command.conversationId()).ifPresent(ids::add));
        Map<UUID, LockedConversation> locked = conversations.lockAll(ids);
        Set<ClientKey> known = storedClientIds(todo, locked.keySet());
        Map<UUID, Long> unread = unreadCounts.of(locked.keySet());

        Instant now = clock.instant();
        List<Object[]> rows = new ArrayList<>(todo.size());
        List<Outbox.Entry> events = new ArrayList<>(todo.size() * 2);
        for (MessageSendRequested command : todo) {
            LockedConversation conversation = Conversations.parse(command.conversationId())
                    .map(locked::get)
                    .orElse(null);
            if (conversation == null || !conversation.tenantId().equals(command.tenantId())) {
                log.warn(
                        "Dropped a message for unknown conversation {} of tenant {}",
                        command.conversationId(),
                        command.tenantId());
                continue;
            }
            if (command.clientMsgId() != null
                    && !known.add(
                            new ClientKey(conversation.id(), command.agent().userId(), command.clientMsgId()))) {
                log.debug(
                        "Dropped a resent message {} of user {}",
                        command.clientMsgId(),
                        command.agent().userId());
                continue;
            }
            boolean viaPlatform = conversation.source() != Platform.WEB;
            Message stored = new Message(
                    UUID.randomUUID().toString(),
                    conversation.id().toString(),
                    conversation.nextSequence(now),
                    MessageType.SUPPORT,
                    command.content(),
                    List.of(),
                    conversation.customer(),
                    command.agent(),
                    command.clientMsgId(),
                    null,
                    viaPlatform ? DeliveryStatus.PENDING : DeliveryStatus.DELIVERED,
                    now);
            rows.add(row(stored));
            // An agent's message leaves the unread count as it was.
            events.add(Outbox.Entry.of(
                    Topics.CONVERSATION_EVENTS,
                    new MessageCreated(
                            newEventId(),
                            now,
                            conversation.tenantId(),
                            stored.conversationId(),
                            stored,
                            conversation.toSnapshot(stored, unread.getOrDefault(conversation.id(), 0L)))));
            if (viaPlatform) {
                events.add(Outbox.Entry.of(
                        Topics.outbound(conversation.source()),
                        new ReplyRequested(
                                newEventId(),
                                now,
                                conversation.tenantId(),
                                stored.conversationId(),
                                stored.id(),
                                conversation.channelId(),
                                conversation.externalChatId(),
                                stored.content())));
            }
        }
        if (rows.isEmpty()) {
            return;
        }
        jdbc.batchUpdate(INSERT, rows);
        conversations.saveAll(locked.values());
        outbox.appendAll(events);
    }

    /**
     * The client ids of these commands already stored: one lookup per (conversation, agent, client id) in the unique
     * index that makes them unique, however many messages the conversations hold.
     */
    private Set<ClientKey> storedClientIds(List<MessageSendRequested> commands, Set<UUID> conversationIds) {
        Set<ClientKey> asked = new HashSet<>();
        for (MessageSendRequested command : commands) {
            Conversations.parse(command.conversationId())
                    .filter(conversationIds::contains)
                    .filter(id -> command.clientMsgId() != null)
                    .ifPresent(id -> asked.add(new ClientKey(id, command.agent().userId(), command.clientMsgId())));
        }
        Set<ClientKey> known = new HashSet<>();
        if (asked.isEmpty()) {
            return known;
        }
        List<ClientKey> keys = List.copyOf(asked);
        jdbc.query(
                """
                SELECT m.conversation_id, m.sender_user_id, m.client_msg_id FROM messages m
                JOIN unnest(?::uuid[], ?::text[], ?::text[]) AS k (conversation_id, sender_user_id, client_msg_id)
                  ON m.conversation_id = k.conversation_id AND m.sender_user_id = k.sender_user_id
                 AND m.client_msg_id = k.client_msg_id
                WHERE m.client_msg_id IS NOT NULL
                """,
                statement -> {
                    statement.setArray(
                            1,
                            SqlArrays.uuids(
                                    statement,
                                    keys.stream().map(ClientKey::conversationId).toList()));
                    statement.setArray(
                            2,
                            SqlArrays.texts(
                                    statement,
                                    keys.stream().map(ClientKey::userId).toList()));
                    statement.setArray(
                            3,
                            SqlArrays.texts(
                                    statement,
                                    keys.stream().map(ClientKey::clientMsgId).toList()));
                },
                row -> {
                    known.add(new ClientKey(row.getObject(1, UUID.class), row.getString(2), row.getString(3)));
                });
        return known;
    }

    private static Object[] row(Message message) {
        return new Object[] {
            UUID.fromString(message.id()),
            UUID.fromString(message.conversationId()),
            message.sequence(),
            message.content(),
            message.sender().userId(),
            message.sender().username(),
            message.clientMsgId(),
            message.status().wireName(),
            Timestamp.from(message.createdAt())
        };
    }

    private static String newEventId() {
        return UUID.randomUUID().toString();
    }

    /** An agent's client id in a conversation: what makes a resent message the same message. */
    private record ClientKey(UUID conversationId, String userId, String clientMsgId) {}
}
