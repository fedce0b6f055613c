package net.fiko.message.conversation;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import net.fiko.events.ConversationStatus;
import net.fiko.events.Platform;
import net.fiko.message.system.AssignedIdEntity;

/**
 * A conversation between a tenant and one customer, as JPA creates it and renames it. Its numbering, its updated time
 * and where replies go belong to the write model ({@link LockedConversation}, {@link MessageWriter}): JPA inserts
 * them and never updates them.
 */
@Entity
@Table(name = "conversations")
public class ConversationEntity extends AssignedIdEntity {

    @Id
    private UUID id;

    @Column(name = "tenant_id", nullable = false)
    private String tenantId;

    @ManyToOne(optional = false)
    @JoinColumn(name = "customer_id")
    private CustomerEntity customer;

    @Column(nullable = false)
    private String source;

    @Column(nullable = false, updatable = false)
    private String status;

    @Column(nullable = false)
    private String title;

    @Column(name = "channel_id", updatable = false)
    private String channelId;

    @Column(name = "external_chat_id", updatable = false)
    private String externalChatId;

    @Column(name = "last_sequence", nullable = false, updatable = false)
    private long lastSequence;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false, updatable = false)
    private Instant updatedAt;

    @Column(name = "reply_allowed_until", updatable = false)
    private Instant replyAllowedUntil;

    protected ConversationEntity() {}

    ConversationEntity(UUID id, String tenantId, CustomerEntity customer, Platform source, Instant now) {
        this.id = id;
        this.tenantId = tenantId;
        this.customer = customer;
        this.source = source.wireName();
        this.status = ConversationStatus.ACTIVE.wireName();
        this.title = title(source, customer);
        this.createdAt = now;
        this.updatedAt = now;
        markNew();
    }

    @Override
    public UUID getId() {
        return id;
    }

    private static String title(Platform source, CustomerEntity customer) {
        return source.wireName() + " - " + customer.displayName();
    }

    /** Follows the customer's name; true if the title changed. */
    boolean retitle() {
        String now = title(source(), customer);
        if (now.equals(title)) {
            return false;
        }
        title = now;
        return true;
    }

    public UUID id() {
        return id;
    }

    public String tenantId() {
        return tenantId;
    }

    public CustomerEntity customer() {
        return customer;
    }

    public Platform source() {
        return Platform.valueOf(source.toUpperCase(java.util.Locale.ROOT));
    }
}
