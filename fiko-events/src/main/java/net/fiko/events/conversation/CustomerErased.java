package net.fiko.events.conversation;

import java.time.Instant;
import net.fiko.events.ConversationSnapshot;

/**
 * The conversation's customer was erased at the tenant's request: their profile, every message of the conversation
 * (the agents' replies too: they quote and address the customer) and the conversation's title no longer hold
 * anything of them. {@code conversation} is the conversation as it now is. Every consumer that keeps a copy of this
 * conversation's messages or its customer erases it on this event (docs/personal-data.md).
 */
public record CustomerErased(
        String eventId,
        Instant occurredAt,
        String tenantId,
        String conversationId,
        long customerId,
        int messagesErased,
        ConversationSnapshot conversation)
        implements ConversationEvent {}
