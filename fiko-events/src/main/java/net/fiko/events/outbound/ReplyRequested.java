package net.fiko.events.outbound;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import net.fiko.events.Attachment;
import net.fiko.events.Platform;
import net.fiko.events.delivery.DeliveryFailed;
import net.fiko.events.delivery.DeliverySucceeded;

/**
 * Send an agent's stored message to the customer. {@code messageId} is the idempotency key: a redelivered command
 * whose message was already sent is not sent again. {@code attachments} (additive, may be empty) are the agent's
 * uploads to send with it, kept by the connector under their {@code file_id}; {@code content} is then their caption and
 * may be empty.
 */
public record ReplyRequested(
        String eventId,
        Instant occurredAt,
        String tenantId,
        String conversationId,
        String messageId,
        String channelId,
        String externalChatId,
        String content,
        List<Attachment> attachments)
        implements OutboundCommand {

    public ReplyRequested {
        attachments = attachments == null ? List.of() : List.copyOf(attachments);
    }

    /** A text reply, without attachments. */
    public ReplyRequested(
            String eventId,
            Instant occurredAt,
            String tenantId,
            String conversationId,
            String messageId,
            String channelId,
            String externalChatId,
            String content) {
        this(eventId, occurredAt, tenantId, conversationId, messageId, channelId, externalChatId, content, List.of());
    }

    /** The result a connector publishes when the platform accepted this reply. */
    public DeliverySucceeded succeeded(Platform platform, String platformMessageId, int attempts, Instant at) {
        return new DeliverySucceeded(
                UUID.randomUUID().toString(),
                at,
                tenantId,
                conversationId,
                messageId,
                platform,
                platformMessageId,
                attempts);
    }

    /** The result a connector publishes when the platform refused this reply for good. */
    public DeliveryFailed failed(Platform platform, String reason, String errorCode, int attempts, Instant at) {
        return new DeliveryFailed(
                UUID.randomUUID().toString(),
                at,
                tenantId,
                conversationId,
                messageId,
                platform,
                reason,
                errorCode,
                attempts);
    }
}
