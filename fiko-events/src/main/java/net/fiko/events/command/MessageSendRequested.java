package net.fiko.events.command;

import java.time.Instant;
import net.fiko.events.Agent;

/**
 * An agent sent {@code chat_message}. {@code clientMsgId} is the client's idempotency key (may be null): the same
 * key from the same agent in the same conversation stores one message. {@code gatewayId} names the gateway instance
 * that accepted the frame.
 */
public record MessageSendRequested(
        String eventId,
        Instant occurredAt,
        String tenantId,
        String conversationId,
        Agent agent,
        String content,
        String clientMsgId,
        String gatewayId)
        implements GatewayCommand {}
