package net.fiko.events;

import java.time.Instant;
import java.util.List;

/**
 * A stored message as message-service announces it. {@code sequence} grows by one per message of a conversation,
 * without gaps, so a consumer can tell a missed or repeated message.
 */
public record Message(
        String id,
        String conversationId,
        long sequence,
        MessageType type,
        String content,
        List<Attachment> attachments,
        Customer customer,
        Agent sender,
        String clientMsgId,
        String platformMessageId,
        DeliveryStatus status,
        Instant createdAt) {

    public Message {
        attachments = attachments == null ? List.of() : List.copyOf(attachments);
    }
}
