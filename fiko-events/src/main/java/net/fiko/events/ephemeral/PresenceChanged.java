package net.fiko.events.ephemeral;

import java.time.Instant;
import net.fiko.events.Agent;

/**
 * An agent's first socket on a chat opened ({@code isOnline}), or their last one on it closed. While the agent stays,
 * their gateway announces them online again before {@code expiresAt}; a reader takes an announcement not renewed by
 * then as the agent gone (their gateway died). {@code expiresAt} is null when offline, and from gateways of before
 * it was added: such an announcement lasts until its gateway says otherwise.
 */
public record PresenceChanged(
        String eventId,
        Instant occurredAt,
        String tenantId,
        String conversationId,
        Agent agent,
        String gatewayId,
        boolean isOnline,
        Instant expiresAt)
        implements EphemeralEvent {}
