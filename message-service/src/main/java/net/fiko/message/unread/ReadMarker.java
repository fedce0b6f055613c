package net.fiko.message.unread;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import net.fiko.events.ConversationSnapshot;
import net.fiko.events.Topics;
import net.fiko.events.command.MarkReadRequested;
import net.fiko.events.conversation.MessagesRead;
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
 * An agent's {@code mark_read}: every customer message of the conversation so far is read for the tenant. The read
 * point never moves back; {@code messages_read} goes out with it, and the unread count drops to 0.
 */
@Service
public class ReadMarker {

    private static final Logger log = LoggerFactory.getLogger(ReadMarker.class);

    private final Conversations conversations;
    private final Snapshots snapshots;
    private final JdbcTemplate jdbc;
    private final Outbox outbox;
    private final ConsumedEvents consumed;
    private final Clock clock;

    ReadMarker(
            Conversations conversations,
            Snapshots snapshots,
            JdbcTemplate jdbc,
            Outbox outbox,
            ConsumedEvents consumed,
            Clock clock) {
        this.conversations = conversations;
        this.snapshots = snapshots;
        this.jdbc = jdbc;
        this.outbox = outbox;
        this.consumed = consumed;
        this.clock = clock;
    }

    /** The conversation as the read leaves it: its last message, nothing unread. */
    private ConversationSnapshot read(LockedConversation conversation) {
        return conversation.toSnapshot(snapshots.lastMessage(conversation), 0);
    }

    @Transactional
    public void markRead(MarkReadRequested command) {
        if (!consumed.firstTime(command.eventId())) {
            return;
        }
        Optional<LockedConversation> found = conversations.lockRow(command.conversationId(), command.tenantId());
        if (found.isEmpty()) {
            log.warn(
                    "Dropped mark_read for unknown conversation {} of tenant {}",
                    command.conversationId(),
                    command.tenantId());
            return;
        }
        LockedConversation conversation = found.get();
        Instant now = clock.instant();
        Long readUpTo = jdbc.queryForObject(
                """
                INSERT INTO conversation_reads (conversation_id, last_read_sequence, read_by_user_id, read_at)
                VALUES (?, ?, ?, ?)
                ON CONFLICT (conversation_id) DO UPDATE SET
                    last_read_sequence = GREATEST(conversation_reads.last_read_sequence, EXCLUDED.last_read_sequence),
                    read_by_user_id = EXCLUDED.read_by_user_id,
                    read_at = EXCLUDED.read_at
                RETURNING last_read_sequence
                """,
                Long.class,
                conversation.id(),
                conversation.lastSequence(),
                command.agent().userId(),
                Timestamp.from(now));
        outbox.append(
                Topics.CONVERSATION_EVENTS,
                new MessagesRead(
                        UUID.randomUUID().toString(),
                        now,
                        conversation.tenantId(),
                        command.conversationId(),
                        command.agent(),
                        readUpTo,
                        read(conversation)));
    }
}
