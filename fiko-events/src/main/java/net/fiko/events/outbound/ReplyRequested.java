package net.fiko.events.outbound;

import java.time.Instant;

/**
 * Send an agent's stored message to the customer. {@code messageId} is the idempotency key: a redelivered command
 * whose message was already sent is not sent again.
 */
public record ReplyRequested(
        String eventId,
        Instant occurredAt,
        String tenantId,
        String conversationId,
        String messageId,
        String channelId,
        String externalChatId,
        String content)
        implements OutboundCommand {}
