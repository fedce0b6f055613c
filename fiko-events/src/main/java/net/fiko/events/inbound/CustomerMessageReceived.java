package net.fiko.events.inbound;

import java.time.Instant;
import java.util.List;
import net.fiko.events.Attachment;
import net.fiko.events.Customer;
import net.fiko.events.Platform;

/**
 * A customer wrote to a tenant's channel. The connector derives {@code conversationId} with
 * {@link net.fiko.events.ConversationIds}, so the event is keyed by its conversation before message-service sees it.
 * {@code externalChatId} is where replies go (a Telegram chat id as a string: it is 64-bit).
 */
public record CustomerMessageReceived(
        String eventId,
        Instant occurredAt,
        String tenantId,
        String conversationId,
        String channelId,
        Platform platform,
        String externalChatId,
        String platformMessageId,
        Customer customer,
        String content,
        List<Attachment> attachments,
        Instant sentAt)
        implements InboundMessage {

    public CustomerMessageReceived {
        attachments = attachments == null ? List.of() : List.copyOf(attachments);
    }
}
