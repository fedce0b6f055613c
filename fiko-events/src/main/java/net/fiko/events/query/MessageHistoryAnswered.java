package net.fiko.events.query;

import java.time.Instant;
import java.util.List;
import net.fiko.events.Message;

/**
 * Messages oldest first. {@code hasMore}: older ones exist. {@code recovered}: for a resume, whether these are
 * exactly the messages after the client's last one. {@code throughSequence} (optional, added in this version): the
 * newest message sequence the answer accounts for, the newest of its messages or, on a resume with nothing new, the
 * message resumed from; a reader joining a chat with this answer takes every message up to it as already had.
 */
public record MessageHistoryAnswered(
        String eventId,
        Instant occurredAt,
        String tenantId,
        String conversationId,
        String requestId,
        String replyTo,
        boolean found,
        List<Message> messages,
        boolean hasMore,
        boolean recovered,
        Long throughSequence)
        implements QueryAnswer {

    public MessageHistoryAnswered {
        messages = messages == null ? List.of() : List.copyOf(messages);
    }
}
