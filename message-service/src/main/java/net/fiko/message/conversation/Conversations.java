package net.fiko.message.conversation;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import net.fiko.events.Customer;
import net.fiko.events.Platform;
import net.fiko.events.inbound.BusinessMessageSent;
import net.fiko.events.inbound.CustomerMessageReceived;
import net.fiko.events.inbound.CustomerProfileUpdated;
import net.fiko.message.system.SqlArrays;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Finds and opens conversations and keeps their customers (JPA, where a row is created or renamed); every method joins
 * the caller's transaction and flushes what it changed, so the write model ({@link MessageWriter}) reads it.
 */
@Service
@Transactional(propagation = Propagation.MANDATORY)
public class Conversations {

    private final ConversationRepository conversations;
    private final CustomerRepository customers;
    private final Directory directory;
    private final ConversationAliases aliases;
    private final JdbcTemplate jdbc;

    Conversations(
            ConversationRepository conversations,
            CustomerRepository customers,
            Directory directory,
            ConversationAliases aliases,
            JdbcTemplate jdbc) {
        this.conversations = conversations;
        this.customers = customers;
        this.directory = directory;
        this.aliases = aliases;
        this.jdbc = jdbc;
    }

    /** The tenant's conversation, locked for numbering; empty for a missing or another tenant's conversation. */
    public Optional<ConversationEntity> lock(String conversationId, String tenantId) {
        return parse(conversationId).flatMap(id -> conversations.lockByIdAndTenant(id, tenantId));
    }

    /**
     * The conversations, each locked for numbering, by id; one statement for the lot. Rows are locked in id order, so
     * two batches that share conversations wait for each other instead of deadlocking.
     */
    public Map<UUID, LockedConversation> lockAll(Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        List<LockedConversation> rows = jdbc.query(
                "SELECT " + LockedConversation.COLUMNS
                        + " FROM conversations c JOIN customers cu ON cu.id = c.customer_id"
                        + " WHERE c.id = ANY (?) ORDER BY c.id FOR UPDATE OF c",
                statement -> statement.setArray(1, SqlArrays.uuids(statement, ids)),
                LockedConversation::read);
        Map<UUID, LockedConversation> byId = new HashMap<>();
        rows.forEach(row -> byId.put(row.id(), row));
        return byId;
    }

    /** The tenant's conversation row, locked (plain SQL); empty for a missing or another tenant's conversation. */
    public Optional<LockedConversation> lockRow(String conversationId, String tenantId) {
        return parse(conversationId)
                .map(id -> lockAll(List.of(id)).get(id))
                .filter(conversation -> conversation.tenantId().equals(tenantId));
    }

    /** Writes back the conversations that changed (numbering, where replies go, status): one batch of updates. */
    public void saveAll(Collection<LockedConversation> locked) {
        List<Object[]> updates = locked.stream()
                .filter(LockedConversation::changed)
                .map(c -> new Object[] {
                    c.lastSequence(),
                    Timestamp.from(c.updatedAt()),
                    c.channelId(),
                    c.externalChatId(),
                    c.replyAllowedUntil() == null ? null : Timestamp.from(c.replyAllowedUntil()),
                    c.status().wireName(),
                    c.snoozedUntil() == null ? null : Timestamp.from(c.snoozedUntil()),
                    c.assignee() == null ? null : c.assignee().userId(),
                    c.assignee() == null ? null : c.assignee().username(),
                    c.assignee() != null && c.assignee().userIdIsNumber() != null,
                    c.id()
                })
                .toList();
        if (!updates.isEmpty()) {
            jdbc.batchUpdate(
                    "UPDATE conversations SET last_sequence = ?, updated_at = ?, channel_id = ?, external_chat_id = ?,"
                            + " reply_allowed_until = ?, status = ?, snoozed_until = ?, assignee_user_id = ?,"
                            + " assignee_username = ?, assignee_user_id_is_number = ? WHERE id = ?",
                    updates);
        }
    }

    /** Records a tenant's channel the first time a message comes through it. */
    public void recordChannel(String channelId, String tenantId, Platform platform, Instant now) {
        directory.recordChannel(channelId, tenantId, platform, now);
    }

    /** A conversation, not locked: for reading what does not change (its tenant, its platform). */
    public Optional<ConversationEntity> find(UUID conversationId) {
        return conversations.findById(conversationId);
    }

    /** The conversation a customer's message belongs to, opened (with its customer) if it is the first. */
    public Opened openFor(CustomerMessageReceived inbound, Instant now) {
        return open(
                inbound.tenantId(),
                inbound.conversationId(),
                inbound.channelId(),
                inbound.platform(),
                inbound.customer(),
                now);
    }

    /** The conversation a message the business sent from the platform's app belongs to, opened if it is the first. */
    public Opened openFor(BusinessMessageSent sent, Instant now) {
        return open(sent.tenantId(), sent.conversationId(), sent.channelId(), sent.platform(), sent.customer(), now);
    }

    /** The tenant's conversation, locked, its customer's profile updated; true in {@code renamed} if the title changed. */
    public Optional<Opened> updateProfile(CustomerProfileUpdated update) {
        Optional<Opened> updated = parse(update.conversationId())
                .flatMap(id -> conversations.lockByIdAndTenant(id, update.tenantId()))
                .map(conversation -> new Opened(
                        conversation,
                        false,
                        conversation.customer().updateProfile(update.customer()) && conversation.retitle()));
        conversations.flush();
        return updated;
    }

    private Opened open(
            String tenantId,
            String conversationId,
            String channelId,
            Platform platform,
            Customer profile,
            Instant now) {
        UUID id = UUID.fromString(conversationId);
        directory.recordTenant(tenantId, now);
        directory.recordChannel(channelId, tenantId, platform, now);
        Optional<ConversationEntity> existing = conversations.lockByIdAndTenant(id, tenantId);
        Optional<CustomerEntity> customer = existing.isPresent()
                ? Optional.empty()
                : customers.findByTenantIdAndPlatformAndExternalId(tenantId, platform.wireName(), profile.externalId());
        existing = existing.or(() -> customer.flatMap(known -> onChannel(id, known, channelId)));
        if (existing.isPresent()) {
            ConversationEntity conversation = existing.get();
            boolean renamed = conversation.customer().updateProfile(profile) && conversation.retitle();
            conversations.flush(); // before the write model reads the row
            return new Opened(conversation, false, renamed);
        }
        CustomerEntity known = customer.orElseGet(() -> customers.save(new CustomerEntity(tenantId, profile, now)));
        return new Opened(
                conversations.saveAndFlush(new ConversationEntity(id, tenantId, known, platform, now)), true, false);
    }

    /**
     * The customer's conversation on the channel under another id (one opened before ids named the channel, or by a
     * producer that derives ids without it), recorded as that id's alias so the next message finds it at once.
     */
    private Optional<ConversationEntity> onChannel(UUID id, CustomerEntity customer, String channelId) {
        Optional<ConversationEntity> found =
                channelId == null ? Optional.empty() : conversations.lockByCustomerAndChannel(customer, channelId);
        found.ifPresent(conversation -> aliases.record(id, conversation.id()));
        return found;
    }

    /** A conversation id from an event; empty if it is not a UUID, so no conversation can have it. */
    public static Optional<UUID> parse(String id) {
        try {
            return Optional.of(UUID.fromString(id));
        } catch (IllegalArgumentException | NullPointerException e) {
            return Optional.empty();
        }
    }

    /** A conversation, whether this call created it, and whether its title changed. */
    public record Opened(ConversationEntity conversation, boolean created, boolean renamed) {

        public UUID id() {
            return conversation.id();
        }
    }
}
