package net.fiko.events.outbound;

import java.time.Instant;

/**
 * The tenant erased the conversation's customer: the connector forgets what it keeps of them for the conversation
 * (the chat or IGSID replies and typing go to, a fetched profile). Sent after the conversation's earlier replies on
 * the same partition; a customer who writes again is remembered again.
 */
public record CustomerDataErasureRequested(String eventId, Instant occurredAt, String tenantId, String conversationId)
        implements OutboundCommand {}
