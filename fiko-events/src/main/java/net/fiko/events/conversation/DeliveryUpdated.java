package net.fiko.events.conversation;

import java.time.Instant;
import net.fiko.events.DeliveryStatus;
import net.fiko.events.Platform;

/** A support message's delivery state changed; {@code reason} is set when it failed. */
public record DeliveryUpdated(
        String eventId,
        Instant occurredAt,
        String tenantId,
        String conversationId,
        String messageId,
        Platform platform,
        DeliveryStatus status,
        String reason)
        implements ConversationEvent {}
