package net.fiko.message.privacy;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import net.fiko.events.ConversationSnapshot;
import net.fiko.events.Platform;
import net.fiko.events.Topics;
import net.fiko.events.conversation.CustomerErased;
import net.fiko.events.outbound.CustomerDataErasureRequested;
import net.fiko.message.conversation.Conversations;
import net.fiko.message.conversation.LockedConversation;
import net.fiko.message.conversation.Snapshots;
import net.fiko.message.outbox.Outbox;
import net.fiko.message.system.SqlArrays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Erases a customer at the tenant's request (a data subject's right to erasure): their name and username, their
 * platform id, every message of each of their conversations (content, attachments, the platform's message ids; the
 * agents' replies too, which quote and address them) and the conversations' titles, in one transaction, and announces
 * {@code customer_erased} for each conversation so every consumer that keeps a copy erases it, and asks the
 * conversation's connector to forget the customer ({@code customer_data_erasure_requested}). Messages keep their
 * rows, numbers and delivery states, so sequences, unread counts and reports stay whole.
 */
@Service
public class CustomerErasure {

    private static final Logger log = LoggerFactory.getLogger(CustomerErasure.class);

    private final Conversations conversations;
    private final Snapshots snapshots;
    private final Outbox outbox;
    private final JdbcTemplate jdbc;
    private final Clock clock;

    CustomerErasure(Conversations conversations, Snapshots snapshots, Outbox outbox, JdbcTemplate jdbc, Clock clock) {
        this.conversations = conversations;
        this.snapshots = snapshots;
        this.outbox = outbox;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** What an erasure did: the customer's conversations as they now are, and how many messages were emptied. */
    public record Erased(long customerId, List<ConversationSnapshot> conversations, int messagesErased) {}

    /** Erases the tenant's customer; empty when the tenant has no such customer. Erasing again changes nothing. */
    @Transactional
    public Optional<Erased> erase(String tenantId, long customerId) {
        // The conversations first, in id order, as every writer locks them: no message is added while they are
        // emptied, and the customer's row is taken after them, as a rename takes it.
        List<UUID> ids = jdbc.queryForList(
                "SELECT id FROM conversations WHERE customer_id = ? AND tenant_id = ? ORDER BY id FOR UPDATE",
                UUID.class,
                customerId,
                tenantId);
        Instant now = clock.instant();
        Map<UUID, Integer> emptied = new HashMap<>();
        jdbc.query(
                "UPDATE messages SET content = '', attachments = '[]', platform_message_id = NULL"
                        + " WHERE conversation_id = ANY (?)"
                        + " AND (content <> '' OR attachments <> '[]' OR platform_message_id IS NOT NULL)"
                        + " RETURNING conversation_id",
                statement -> statement.setArray(1, SqlArrays.uuids(statement, ids)),
                row -> {
                    emptied.merge(row.getObject(1, UUID.class), 1, Integer::sum);
                });
        jdbc.update(
                "UPDATE conversations SET title = source || ' - erased customer', external_chat_id = NULL, updated_at = ?"
                        + " WHERE id = ANY (?)",
                statement -> {
                    statement.setTimestamp(1, Timestamp.from(now));
                    statement.setArray(2, SqlArrays.uuids(statement, ids));
                });
        int customers = jdbc.update(
                "UPDATE customers SET first_name = NULL, last_name = NULL, username = NULL,"
                        + " external_id = 'erased-' || id WHERE id = ? AND tenant_id = ?",
                customerId,
                tenantId);
        if (customers == 0) {
            return Optional.empty(); // not the tenant's customer: it has none of the tenant's conversations either
        }
        List<ConversationSnapshot> erased = new ArrayList<>();
        for (Map.Entry<UUID, LockedConversation> entry :
                conversations.lockAll(ids).entrySet()) { // read again: the title and the customer changed
            ConversationSnapshot snapshot = snapshots.of(entry.getValue());
            erased.add(snapshot);
            String conversationId = entry.getKey().toString();
            outbox.append(
                    Topics.CONVERSATION_EVENTS,
                    new CustomerErased(
                            UUID.randomUUID().toString(),
                            now,
                            tenantId,
                            conversationId,
                            customerId,
                            emptied.getOrDefault(entry.getKey(), 0),
                            snapshot));
            if (entry.getValue().source() != Platform.WEB) {
                outbox.append(
                        Topics.outbound(entry.getValue().source()),
                        new CustomerDataErasureRequested(UUID.randomUUID().toString(), now, tenantId, conversationId));
            }
        }
        int messages = emptied.values().stream().mapToInt(Integer::intValue).sum();
        log.info(
                "Erased customer {} of tenant {}: {} conversations, {} messages emptied",
                customerId,
                tenantId,
                ids.size(),
                messages);
        return Optional.of(new Erased(customerId, erased, messages));
    }
}
