package net.fiko.events.conversation;

import java.time.Instant;
import net.fiko.events.Message;

/** A message was stored: from the customer, or from an agent (then with delivery status {@code pending}). */
public record MessageCreated(
        String eventId, Instant occurredAt, String tenantId, String conversationId, Message message)
        implements ConversationEvent {}
