package net.fiko.message.lifecycle;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import net.fiko.events.Agent;
import net.fiko.events.ConversationSnapshot;
import net.fiko.events.ConversationStatus;
import net.fiko.events.Topics;
import net.fiko.events.command.ConversationStatusRequested;
import net.fiko.events.conversation.ConversationStatusChanged;
import net.fiko.events.conversation.ConversationStatusChanged.Reason;
import net.fiko.message.conversation.Conversations;
import net.fiko.message.conversation.LockedConversation;
import net.fiko.message.conversation.Snapshots;
import net.fiko.message.outbox.Outbox;
import net.fiko.message.system.ConsumedEvents;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A conversation's status as agents set it: resolved, reopened ({@code active}) or snoozed until a time. Each change
 * announces {@code conversation_status_changed} with the conversation as it now is; asking for the status a
 * conversation has already changes nothing and announces nothing. A customer's message reopens a resolved or snoozed
 * conversation as it is stored ({@code MessageBatch}); {@link #endSnoozes} reopens those whose time has come.
 */
@Service
public class ConversationLifecycle {

    /** A change as it was asked for: the conversation afterwards, and whether anything changed. */
    public record Outcome(ConversationSnapshot conversation, boolean changed) {}

    private static final Logger log = LoggerFactory.getLogger(ConversationLifecycle.class);

    private final Conversations conversations;
    private final Snapshots snapshots;
    private final Outbox outbox;
    private final JdbcTemplate jdbc;
    private final ConsumedEvents consumed;
    private final Clock clock;

    ConversationLifecycle(
            Conversations conversations,
            Snapshots snapshots,
            Outbox outbox,
            JdbcTemplate jdbc,
            ConsumedEvents consumed,
            Clock clock) {
        this.consumed = consumed;
        this.conversations = conversations;
        this.snapshots = snapshots;
        this.outbox = outbox;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * Sets an agent's status on the tenant's conversation ({@code snoozedUntil} with {@code snoozed} only); empty for
     * a missing or another tenant's conversation.
     */
    @Transactional
    public Optional<Outcome> set(
            String tenantId, String conversationId, ConversationStatus status, Instant snoozedUntil, Agent agent) {
        return conversations
                .lockRow(conversationId, tenantId)
                .map(conversation -> change(conversation, status, snoozedUntil, Reason.AGENT, agent));
    }

    /** An agent's change from a chat socket, applied once however often the command is redelivered. */
    @Transactional
    public void apply(ConversationStatusRequested command) {
        if (!consumed.firstTime(command.eventId())) {
            return;
        }
        if (set(command.tenantId(), command.conversationId(), command.status(), command.snoozedUntil(), command.agent())
                .isEmpty()) {
            log.warn(
                    "Dropped a status change for unknown conversation {} of tenant {}",
                    command.conversationId(),
                    command.tenantId());
        }
    }

    /** Makes active again, in one transaction, up to {@code limit} snoozed conversations whose time has come. */
    @Transactional
    public int endSnoozes(int limit) {
        Instant now = clock.instant();
        List<UUID> due = jdbc.queryForList(
                "SELECT id FROM conversations WHERE status = 'snoozed' AND snoozed_until <= ?"
                        + " ORDER BY snoozed_until LIMIT ? FOR UPDATE SKIP LOCKED",
                UUID.class,
                Timestamp.from(now),
                limit);
        conversations
                .lockAll(due)
                .values()
                .forEach(conversation ->
                        change(conversation, ConversationStatus.ACTIVE, null, Reason.SNOOZE_ENDED, null));
        return due.size();
    }

    private Outcome change(
            LockedConversation conversation,
            ConversationStatus status,
            Instant snoozedUntil,
            Reason reason,
            Agent agent) {
        ConversationStatus previous = conversation.status();
        boolean changed = conversation.changeStatus(status, snoozedUntil);
        ConversationSnapshot snapshot = snapshots.of(conversation);
        if (changed) {
            conversations.saveAll(List.of(conversation));
            outbox.append(
                    Topics.CONVERSATION_EVENTS,
                    new ConversationStatusChanged(
                            UUID.randomUUID().toString(),
                            clock.instant(),
                            conversation.tenantId(),
                            conversation.id().toString(),
                            status,
                            previous,
                            conversation.snoozedUntil(),
                            reason,
                            agent,
                            snapshot));
        }
        return new Outcome(snapshot, changed);
    }
}
