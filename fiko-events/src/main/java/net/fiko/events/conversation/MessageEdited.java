package net.fiko.events.conversation;

import java.time.Instant;
import net.fiko.events.Message;

/** A stored message changed its content (a customer edited it on their platform); {@code message} is as it now is. */
public record MessageEdited(
        String eventId, Instant occurredAt, String tenantId, String conversationId, Message message, Instant editedAt)
        implements ConversationEvent {}
