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

    Conversations(ConversationRepository conversations, CustomerRepository customers, Directory directory) {
        this.conversations = conversations;
        this.customers = customers;
        this.directory = directory;
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
            conversation.customer().updateProfile(inbound.customer());
            conversation.replyTo(inbound.channelId(), inbound.externalChatId());
            return new Opened(conversation, false);
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
        return new Opened(conversation, true);
    }

    private static Optional<UUID> parse(String id) {
        try {
            return Optional.of(UUID.fromString(id));
        } catch (IllegalArgumentException | NullPointerException e) {
            return Optional.empty();
        }
    }

    /** A conversation and whether this call created it. */
    public record Opened(ConversationEntity conversation, boolean created) {}
}
