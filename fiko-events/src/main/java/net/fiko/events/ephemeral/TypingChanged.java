package net.fiko.events.ephemeral;

import java.time.Instant;
import net.fiko.events.Agent;

/** An agent started or stopped typing; a typing state not refreshed by {@code expiresAt} has ended. */
public record TypingChanged(
        String eventId,
        Instant occurredAt,
        String tenantId,
        String conversationId,
        Agent agent,
        String gatewayId,
        boolean isTyping,
        Instant expiresAt)
        implements EphemeralEvent {}
