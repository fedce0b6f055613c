package net.fiko.events.query;

import java.time.Instant;
import net.fiko.events.Agent;

/**
 * Messages of a conversation: the newest {@code limit} before {@code beforeMessageId} (history), or those after
 * {@code sinceMessageId} (resume); with neither, the newest {@code limit}.
 */
public record MessageHistoryRequested(
        String eventId,
        Instant occurredAt,
        String tenantId,
        String conversationId,
        String requestId,
        String replyTo,
        Agent agent,
        String beforeMessageId,
        String sinceMessageId,
        int limit)
        implements GatewayQuery {}
