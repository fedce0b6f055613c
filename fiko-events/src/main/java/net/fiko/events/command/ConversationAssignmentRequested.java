package net.fiko.events.command;

import java.time.Instant;
import net.fiko.events.Agent;

/**
 * An agent assigned the conversation ({@code assign_conversation} on a chat socket) to {@code assigneeUserId}, an agent
 * of the tenant (the asking agent's own id to take it), or unassigned it ({@code assigneeUserId} null,
 * {@code unassign_conversation}).
 */
public record ConversationAssignmentRequested(
        String eventId, Instant occurredAt, String tenantId, String conversationId, Agent agent, String assigneeUserId)
        implements GatewayCommand {}
