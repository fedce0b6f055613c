package net.fiko.events.conversation;

import java.time.Instant;
import net.fiko.events.Agent;

/** An agent read the conversation: every customer message up to {@code upToSequence} is read for the tenant. */
public record MessagesRead(
        String eventId, Instant occurredAt, String tenantId, String conversationId, Agent agent, long upToSequence)
        implements ConversationEvent {}
