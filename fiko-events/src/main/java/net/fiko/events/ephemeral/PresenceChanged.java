package net.fiko.events.ephemeral;

import java.time.Instant;
import net.fiko.events.Agent;

/** An agent's first socket on a chat opened ({@code isOnline}), or their last one on it closed. */
public record PresenceChanged(
        String eventId,
        Instant occurredAt,
        String tenantId,
        String conversationId,
        Agent agent,
        String gatewayId,
        boolean isOnline)
        implements EphemeralEvent {}
