package net.fiko.gateway.protocol;

import java.time.Instant;
import java.util.List;
import net.fiko.events.Agent;
import net.fiko.events.ConversationStatus;
import net.fiko.events.conversation.ConversationAssigned;
import net.fiko.events.conversation.ConversationStatusChanged;

/**
 * Frames about conversations and who works on them, extensions of the seed: a chat's status and assignee, who is in
 * a chat, who of the tenant is online.
 */
public final class ConversationFrames {

    private ConversationFrames() {}

    /** An agent as clients see them: {@code user_id} typed as the token's claim. */
    public record AgentView(Object userId, String username) {

        public static AgentView of(Agent agent) {
            return agent == null ? null : new AgentView(agent.userIdValue(), agent.username());
        }
    }

    /** {@code conversation_assigned} in the chat (an extension): who has it now, who had it, who did it. */
    public record ConversationAssignedFrame(
            String type,
            String conversationId,
            AgentView assignee,
            AgentView previousAssignee,
            Object userId,
            String username,
            Instant timestamp) {

        public static ConversationAssignedFrame of(ConversationAssigned assigned) {
            Agent by = assigned.agent();
            return new ConversationAssignedFrame(
                    "conversation_assigned",
                    assigned.conversationId(),
                    AgentView.of(assigned.assignee()),
                    AgentView.of(assigned.previousAssignee()),
                    by == null ? null : by.userIdValue(),
                    by == null ? null : by.username(),
                    assigned.occurredAt());
        }
    }

    /**
     * {@code conversation_status_changed} in the chat (an extension): resolved, reopened or snoozed by an agent
     * ({@code user_id}, {@code username}), reopened because the customer wrote, or woken from its snooze.
     */
    public record ConversationStatusChangedFrame(
            String type,
            String conversationId,
            ConversationStatus status,
            ConversationStatus previousStatus,
            Instant snoozedUntil,
            ConversationStatusChanged.Reason reason,
            Object userId,
            String username,
            Instant timestamp) {

        public static ConversationStatusChangedFrame of(ConversationStatusChanged changed) {
            Agent agent = changed.agent();
            return new ConversationStatusChangedFrame(
                    "conversation_status_changed",
                    changed.conversationId(),
                    changed.status(),
                    changed.previousStatus(),
                    changed.snoozedUntil(),
                    changed.reason(),
                    agent == null ? null : agent.userIdValue(),
                    agent == null ? null : agent.username(),
                    changed.occurredAt());
        }
    }

    /** {@code chat_presence}, after {@code recent_messages} on joining: the other agents in the chat, on any instance. */
    public record ChatPresenceFrame(String type, String conversationId, List<AgentView> users, Instant timestamp) {

        public static ChatPresenceFrame of(String conversationId, List<Agent> users, Instant now) {
            return new ChatPresenceFrame(
                    "chat_presence",
                    conversationId,
                    users.stream().map(AgentView::of).toList(),
                    now);
        }
    }

    /** {@code online_agents}, the answer to {@code get_online_agents}: the tenant's agents with a chat open. */
    public record OnlineAgentsFrame(String type, List<AgentView> agents, Instant timestamp) {

        public static OnlineAgentsFrame of(List<Agent> agents, Instant now) {
            return new OnlineAgentsFrame(
                    "online_agents", agents.stream().map(AgentView::of).toList(), now);
        }
    }
}
