package net.fiko.events.conversation;

import java.time.Instant;
import net.fiko.events.ConversationSnapshot;
import net.fiko.events.Message;

/**
 * A message was stored: from the customer, or from an agent (then with delivery status {@code pending}).
 * {@code conversation} is the conversation as it is after the message (its unread count included), for lists.
 */
public record MessageCreated(
        String eventId,
        Instant occurredAt,
        String tenantId,
        String conversationId,
        Message message,
        ConversationSnapshot conversation)
        implements ConversationEvent {

    public MessageCreated(String eventId, Instant occurredAt, String tenantId, String conversationId, Message message) {
        this(eventId, occurredAt, tenantId, conversationId, message, null);
    }
}
