package net.fiko.events.conversation;

import java.time.Instant;
import net.fiko.events.ConversationSnapshot;

/** A customer wrote to a tenant for the first time (or a conversation was opened inside Fiko). */
public record ConversationCreated(
        String eventId, Instant occurredAt, String tenantId, String conversationId, ConversationSnapshot conversation)
        implements ConversationEvent {}
