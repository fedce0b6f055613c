package net.fiko.message.intake;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import net.fiko.events.Agent;
import net.fiko.events.Attachment;
import net.fiko.events.Customer;
import net.fiko.events.DeliveryStatus;
import net.fiko.events.EventJson;
import net.fiko.events.Message;
import net.fiko.events.MessageType;
import net.fiko.message.system.AssignedIdEntity;
import tools.jackson.core.type.TypeReference;

/**
 * One stored message of a conversation, as JPA reads it to apply an edit or a delivery result; messages are stored by
 * the write model ({@link net.fiko.message.conversation.MessageWriter}).
 */
@Entity
@Table(name = "messages")
class MessageEntity extends AssignedIdEntity {

    private static final TypeReference<List<Attachment>> ATTACHMENTS = new TypeReference<>() {};

    @Id
    private UUID id;

    @Column(name = "conversation_id", nullable = false)
    private UUID conversationId;

    @Column(nullable = false)
    private long sequence;

    @Column(nullable = false)
    private String type;

    @Column(nullable = false)
    private String content;

    @Column(nullable = false)
    private String attachments;

    @Column(name = "sender_user_id")
    private String senderUserId;

    @Column(name = "sender_username")
    private String senderUsername;

    @Column(name = "client_msg_id")
    private String clientMsgId;

    @Column(name = "platform_message_id")
    private String platformMessageId;

    @Column(name = "delivery_status", nullable = false)
    private String deliveryStatus;

    @Column(name = "delivery_reason")
    private String deliveryReason;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "edited_at")
    private Instant editedAt;

    protected MessageEntity() {}

    @Override
    public UUID getId() {
        return id;
    }

    Message toContract(Customer customer) {
        return new Message(
                id.toString(),
                conversationId.toString(),
                sequence,
                MessageType.valueOf(type.toUpperCase(java.util.Locale.ROOT)),
                content,
                EventJson.mapper().readValue(attachments, ATTACHMENTS),
                customer,
                senderUserId == null ? null : new Agent(senderUserId, senderUsername),
                clientMsgId,
                platformMessageId,
                DeliveryStatus.valueOf(deliveryStatus.toUpperCase(java.util.Locale.ROOT)),
                createdAt);
    }

    UUID id() {
        return id;
    }

    UUID conversationId() {
        return conversationId;
    }

    DeliveryStatus deliveryStatus() {
        return DeliveryStatus.valueOf(deliveryStatus.toUpperCase(java.util.Locale.ROOT));
    }

    String deliveryReason() {
        return deliveryReason;
    }

    /**
     * Takes the customer's edit; false when it changes nothing: the same edit again, or one older than the last
     * edit taken (edits of one message can arrive out of order only through replays, but then the newest wins).
     */
    boolean edit(String newContent, List<Attachment> newAttachments, Instant at) {
        if (editedAt != null && !at.isAfter(editedAt)) {
            return false;
        }
        this.content = newContent;
        this.attachments = EventJson.toJson(newAttachments);
        this.editedAt = at;
        return true;
    }

    /** Records the platform's answer; false when it changes nothing (a repeated answer). */
    boolean recordDelivery(DeliveryStatus status, String reason, String platformId) {
        if (deliveryStatus().equals(status) && java.util.Objects.equals(deliveryReason, reason)) {
            return false;
        }
        this.deliveryStatus = status.wireName();
        this.deliveryReason = reason;
        if (platformId != null) {
            this.platformMessageId = platformId;
        }
        return true;
    }
}
