package net.fiko.events.inbound;

import java.time.Instant;
import java.util.List;
import net.fiko.events.Attachment;
import net.fiko.events.Platform;

/**
 * A customer edited a message they sent earlier: {@code platformMessageId} names it, {@code content} and
 * {@code attachments} are what it says now, {@code editedAt} is when the platform says it was edited. Keyed by the
 * same conversation as the message, so it never overtakes it.
 */
public record CustomerMessageEdited(
        String eventId,
        Instant occurredAt,
        String tenantId,
        String conversationId,
        String channelId,
        Platform platform,
        String platformMessageId,
        String content,
        List<Attachment> attachments,
        Instant editedAt)
        implements InboundMessage {

    public CustomerMessageEdited {
        attachments = attachments == null ? List.of() : List.copyOf(attachments);
    }

    @Override
    public CustomerMessageEdited withConversationId(String conversationId) {
        return new CustomerMessageEdited(
                eventId,
                occurredAt,
                tenantId,
                conversationId,
                channelId,
                platform,
                platformMessageId,
                content,
                attachments,
                editedAt);
    }
}
