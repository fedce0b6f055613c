package net.fiko.events.delivery;

import java.time.Instant;
import net.fiko.events.Platform;

/**
 * The platform refused the message for good, or nobody can tell whether it took it. {@code reason} is a sentence an
 * agent understands ("The customer blocked the bot"); {@code errorCode} is the platform's own code, for support staff,
 * or one of the connectors' own: {@value #IN_DOUBT}, {@code empty}, {@code internal}.
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
        implements DeliveryResult {

    /**
     * The connector stopped while the platform was taking the message, so it may or may not have reached the customer;
     * it is not sent again unless the connector is told to ({@code fiko.delivery.in-doubt=resend}).
     */
    public static final String IN_DOUBT = "in_doubt";
}
