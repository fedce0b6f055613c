package net.fiko.message.conversation;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import net.fiko.events.ConversationSnapshot;
import net.fiko.events.ConversationStatus;
import net.fiko.events.Message;
import net.fiko.events.Platform;
import net.fiko.message.system.AssignedIdEntity;

/** A conversation between a tenant and one customer; it numbers its messages. */
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

    @Column(nullable = false)
    private String status;

    @Column(nullable = false)
    private String title;

    @Column(name = "channel_id")
    private String channelId;

    @Column(name = "external_chat_id")
    private String externalChatId;

    @Column(name = "last_sequence", nullable = false)
    private long lastSequence;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Column(name = "reply_allowed_until")
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

    /** The next message number, without gaps: called under the row lock of the conversation. */
    public long nextSequence(Instant now) {
        lastSequence++;
        updatedAt = now;
        return lastSequence;
    }

    /** Where replies go: the channel and chat the customer last wrote from. */
    void replyTo(String channelId, String externalChatId) {
        this.channelId = channelId;
        this.externalChatId = externalChatId;
    }

    /** The platform's latest word on until when a reply is accepted; null where replies are not limited. */
    void allowRepliesUntil(Instant until) {
        this.replyAllowedUntil = until;
    }

    public ConversationSnapshot toSnapshot(Message lastMessage, long unreadCount) {
        return new ConversationSnapshot(
                id.toString(),
                title,
                source(),
                ConversationStatus.valueOf(status.toUpperCase(java.util.Locale.ROOT)),
                customer.toContract(),
                lastMessage,
                unreadCount,
                createdAt,
                updatedAt,
                replyAllowedUntil);
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

    public long lastSequence() {
        return lastSequence;
    }

    public String channelId() {
        return channelId;
    }

    public String externalChatId() {
        return externalChatId;
    }
}
