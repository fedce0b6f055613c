package net.fiko.events.delivery;

import java.time.Instant;
import net.fiko.events.Platform;

/** The platform accepted the message; {@code platformMessageId} is its id there. */
public record DeliverySucceeded(
        String eventId,
        Instant occurredAt,
        String tenantId,
        String conversationId,
        String messageId,
        Platform platform,
        String platformMessageId,
        int attempts)
        implements DeliveryResult {}
