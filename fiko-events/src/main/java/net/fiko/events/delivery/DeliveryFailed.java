package net.fiko.events.delivery;

import java.time.Instant;
import net.fiko.events.Platform;

/**
 * The platform refused the message for good. {@code reason} is a sentence an agent understands ("The customer
 * blocked the bot"); {@code errorCode} is the platform's own code, for support staff.
 */
public record DeliveryFailed(
        String eventId,
        Instant occurredAt,
        String tenantId,
        String conversationId,
        String messageId,
        Platform platform,
        String reason,
        String errorCode,
        int attempts)
        implements DeliveryResult {}
