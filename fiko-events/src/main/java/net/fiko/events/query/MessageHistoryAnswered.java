package net.fiko.events.query;

import java.time.Instant;
import java.util.List;
import net.fiko.events.Message;

/**
 * Messages oldest first. {@code hasMore}: older ones exist. {@code recovered}: for a resume, whether these are
 * exactly the messages after the client's last one.
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
        boolean recovered)
        implements QueryAnswer {

    public MessageHistoryAnswered {
        messages = messages == null ? List.of() : List.copyOf(messages);
    }
}
