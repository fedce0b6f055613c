package net.fiko.message.conversation;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import net.fiko.events.inbound.CustomerMessageReceived;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** Finds and opens conversations; every method joins the caller's transaction. */
@Service
@Transactional(propagation = Propagation.MANDATORY)
public class Conversations {

    private final ConversationRepository conversations;
    private final CustomerRepository customers;
    private final Directory directory;
    private final org.springframework.jdbc.core.JdbcTemplate jdbc;

    Conversations(
            ConversationRepository conversations,
            CustomerRepository customers,
            Directory directory,
            org.springframework.jdbc.core.JdbcTemplate jdbc) {
        this.conversations = conversations;
        this.customers = customers;
        this.directory = directory;
        this.jdbc = jdbc;
    }

    /** The tenant's conversation, locked for numbering; empty for a missing or another tenant's conversation. */
    public Optional<ConversationEntity> lock(String conversationId, String tenantId) {
        return parse(conversationId).flatMap(id -> conversations.lockByIdAndTenant(id, tenantId));
    }

    /** A conversation, not locked: for reading what does not change (its tenant, its platform). */
    public Optional<ConversationEntity> find(UUID conversationId) {
        return conversations.findById(conversationId);
    }

    /** The conversation an inbound message belongs to, opened (with its customer) if it is the first. */
    public Opened openFor(CustomerMessageReceived inbound, Instant now) {
        UUID id = UUID.fromString(inbound.conversationId());
        directory.recordTenant(inbound.tenantId(), now);
        directory.recordChannel(inbound.channelId(), inbound.tenantId(), inbound.platform(), now);
        Optional<ConversationEntity> existing = conversations.lockByIdAndTenant(id, inbound.tenantId());
        if (existing.isPresent()) {
            ConversationEntity conversation = existing.get();
            boolean renamed = conversation.customer().updateProfile(inbound.customer()) && conversation.retitle();
            conversation.replyTo(inbound.channelId(), inbound.externalChatId());
            return new Opened(conversation, false, renamed);
        }
        CustomerEntity customer = customers
                .findByTenantIdAndPlatformAndExternalId(
                        inbound.tenantId(),
                        inbound.platform().wireName(),
                        inbound.customer().externalId())
                .orElseGet(() -> customers.save(new CustomerEntity(inbound.tenantId(), inbound.customer(), now)));
        var conversation = new ConversationEntity(id, inbound.tenantId(), customer, inbound.platform(), now);
        conversation.replyTo(inbound.channelId(), inbound.externalChatId());
        conversations.saveAndFlush(conversation);
        return new Opened(conversation, true, false);
    }

    private static Optional<UUID> parse(String id) {
        try {
            return Optional.of(UUID.fromString(id));
        } catch (IllegalArgumentException | NullPointerException e) {
            return Optional.empty();
        }
    }

    /** Customer messages no agent has read yet, counted in this transaction. */
    public long unreadCount(UUID conversationId) {
        return jdbc.queryForObject("""
                SELECT count(*) FROM messages m LEFT JOIN conversation_reads r ON r.conversation_id = m.conversation_id
                WHERE m.conversation_id = ? AND m.type = 'customer' AND m.sequence > coalesce(r.last_read_sequence, 0)
                """, Long.class, conversationId);
    }

    /** A conversation, whether this call created it, and whether its title changed. */
    public record Opened(ConversationEntity conversation, boolean created, boolean renamed) {}
}
