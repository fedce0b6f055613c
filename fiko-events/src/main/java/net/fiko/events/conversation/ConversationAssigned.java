package net.fiko.events.conversation;

import java.time.Instant;
import net.fiko.events.Agent;
import net.fiko.events.ConversationSnapshot;

/**
 * An agent ({@code agent}) assigned the conversation to {@code assignee}, or unassigned it ({@code assignee} null);
 * {@code previousAssignee} is who had it. Carries the conversation as it now is.
 */
public record ConversationAssigned(
        String eventId,
        Instant occurredAt,
        String tenantId,
        String conversationId,
        Agent assignee,
        Agent previousAssignee,
        Agent agent,
        ConversationSnapshot conversation)
        implements ConversationEvent {}
