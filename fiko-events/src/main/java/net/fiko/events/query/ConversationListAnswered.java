package net.fiko.events.query;

import java.time.Instant;
import java.util.List;
import net.fiko.events.ConversationSnapshot;

/** A page of conversations and where it sits in the whole list. */
public record ConversationListAnswered(
        String eventId,
        Instant occurredAt,
        String tenantId,
        String conversationId,
        String requestId,
        String replyTo,
        List<ConversationSnapshot> conversations,
        int page,
        int pageSize,
        long total,
        boolean hasNext)
        implements QueryAnswer {

    public ConversationListAnswered {
        conversations = conversations == null ? List.of() : List.copyOf(conversations);
    }
}
