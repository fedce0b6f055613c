package net.fiko.events.conversation;

import java.time.Instant;
import net.fiko.events.Agent;
import net.fiko.events.ConversationSnapshot;

/**
 * An agent read the conversation: every customer message up to {@code upToSequence} is read for the tenant.
 * {@code conversation} is the conversation as it now is (unread count 0), for lists.
 */
public record MessagesRead(
        String eventId,
        Instant occurredAt,
        String tenantId,
        String conversationId,
        Agent agent,
        long upToSequence,
        ConversationSnapshot conversation)
        implements ConversationEvent {

    public MessagesRead(
            String eventId,
            Instant occurredAt,
            String tenantId,
            String conversationId,
            Agent agent,
            long upToSequence) {
        this(eventId, occurredAt, tenantId, conversationId, agent, upToSequence, null);
    }
}
