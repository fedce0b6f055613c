package net.fiko.events.query;

import java.time.Instant;
import net.fiko.events.Agent;

/** A page of the tenant's conversations, most recently updated first; {@code conversationId} is null. */
public record ConversationListRequested(
        String eventId,
        Instant occurredAt,
        String tenantId,
        String conversationId,
        String requestId,
        String replyTo,
        Agent agent,
        ConversationFilter filters,
        int page,
        int pageSize)
        implements GatewayQuery {}
