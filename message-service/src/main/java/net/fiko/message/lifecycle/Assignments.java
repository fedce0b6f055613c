package net.fiko.message.lifecycle;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import net.fiko.events.Agent;
import net.fiko.events.ConversationSnapshot;
import net.fiko.events.Topics;
import net.fiko.events.command.ConversationAssignmentRequested;
import net.fiko.events.conversation.ConversationAssigned;
import net.fiko.message.conversation.Conversations;
import net.fiko.message.conversation.LockedConversation;
import net.fiko.message.conversation.Snapshots;
import net.fiko.message.outbox.Outbox;
import net.fiko.message.system.ConsumedEvents;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Who has a conversation: an agent assigns it to an agent of the tenant ({@link TenantAgents}), themselves included,
 * or unassigns it. Each change announces {@code conversation_assigned} with the conversation as it now is; assigning
 * it to whoever has it already changes nothing and announces nothing.
 */
@Service
public class Assignments {

    private static final Logger log = LoggerFactory.getLogger(Assignments.class);

    /** What an assignment came to. */
    public sealed interface Result {}

    /** Done, or nothing to do ({@code changed} false); the conversation as it now is. */
    public record Assigned(ConversationSnapshot conversation, boolean changed) implements Result {}

    /** The tenant has no such conversation. */
    public record NoConversation() implements Result {}

    /** The tenant has no such agent. */
    public record NoAgent() implements Result {}

    private final Conversations conversations;
    private final TenantAgents agents;
    private final Snapshots snapshots;
    private final Outbox outbox;
    private final ConsumedEvents consumed;
    private final Clock clock;

    Assignments(
            Conversations conversations,
            TenantAgents agents,
            Snapshots snapshots,
            Outbox outbox,
            ConsumedEvents consumed,
            Clock clock) {
        this.conversations = conversations;
        this.agents = agents;
        this.snapshots = snapshots;
        this.outbox = outbox;
        this.consumed = consumed;
        this.clock = clock;
    }

    /** An agent's assignment from a chat socket, applied once however often the command is redelivered. */
    @Transactional
    public void apply(ConversationAssignmentRequested command) {
        if (!consumed.firstTime(command.eventId())) {
            return;
        }
        Result result = assign(command.tenantId(), command.conversationId(), command.assigneeUserId(), command.agent());
        if (!(result instanceof Assigned)) {
            log.warn(
                    "Dropped an assignment of conversation {} of tenant {}: {}",
                    command.conversationId(),
                    command.tenantId(),
                    result);
        }
    }

    /** Assigns the tenant's conversation to the tenant's agent {@code assigneeUserId}, or unassigns it (null). */
    @Transactional
    public Result assign(String tenantId, String conversationId, String assigneeUserId, Agent by) {
        agents.saw(tenantId, by);
        Optional<Agent> assignee = Optional.empty();
        if (assigneeUserId != null) {
            assignee = agents.find(tenantId, assigneeUserId);
            if (assignee.isEmpty()) {
                return new NoAgent();
            }
        }
        Optional<LockedConversation> found = conversations.lockRow(conversationId, tenantId);
        if (found.isEmpty()) {
            return new NoConversation();
        }
        LockedConversation conversation = found.get();
        Agent previous = conversation.assignee();
        boolean changed = conversation.assign(assignee.orElse(null));
        ConversationSnapshot snapshot = snapshots.of(conversation);
        if (changed) {
            conversations.saveAll(List.of(conversation));
            outbox.append(
                    Topics.CONVERSATION_EVENTS,
                    new ConversationAssigned(
                            UUID.randomUUID().toString(),
                            clock.instant(),
                            tenantId,
                            conversation.id().toString(),
                            assignee.orElse(null),
                            previous,
                            by,
                            snapshot));
        }
        return new Assigned(snapshot, changed);
    }
}
