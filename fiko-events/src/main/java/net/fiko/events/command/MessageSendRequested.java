package net.fiko.events.command;

import java.time.Instant;
import java.util.List;
import net.fiko.events.Agent;
import net.fiko.events.Attachment;

/**
 * An agent sent {@code chat_message}. {@code clientMsgId} is the client's idempotency key (may be null): the same
 * key from the same agent in the same conversation stores one message. {@code gatewayId} names the gateway instance
 * that accepted the frame. {@code attachments} (additive, may be empty) are the agent's uploads sent with it, each
 * named by the id its connector's upload answered (docs/decisions/0003-media.md); {@code content} is then their caption
 * and may be empty.
 */
public record MessageSendRequested(
        String eventId,
        Instant occurredAt,
        String tenantId,
        String conversationId,
        Agent agent,
        String content,
        String clientMsgId,
        String gatewayId,
        List<Attachment> attachments)
        implements GatewayCommand {

    public MessageSendRequested {
        attachments = attachments == null ? List.of() : List.copyOf(attachments);
    }

    /** A text message, without attachments. */
    public MessageSendRequested(
            String eventId,
            Instant occurredAt,
            String tenantId,
            String conversationId,
            Agent agent,
            String content,
            String clientMsgId,
            String gatewayId) {
        this(eventId, occurredAt, tenantId, conversationId, agent, content, clientMsgId, gatewayId, List.of());
    }
}
