package net.fiko.events.conversation;

import java.time.Instant;
import net.fiko.events.ConversationSnapshot;

/**
 * Something the conversation list shows changed other than its messages: the customer's name (and so the title),
 * the status. Carries the conversation as it now is.
 */
public record ConversationUpdated(
        String eventId, Instant occurredAt, String tenantId, String conversationId, ConversationSnapshot conversation)
        implements ConversationEvent {}
