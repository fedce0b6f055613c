package net.fiko.events.inbound;

import java.time.Instant;
import java.util.List;
import net.fiko.events.Attachment;
import net.fiko.events.Customer;
import net.fiko.events.Platform;

/**
 * A customer wrote to a tenant's channel. The connector derives {@code conversationId} with
 * {@link net.fiko.events.ConversationIds}, so the event is keyed by its conversation before message-service sees it.
 * {@code externalChatId} is where replies go (a Telegram chat id as a string: it is 64-bit). {@code replyAllowedUntil}
 * is the last moment the platform accepts a reply, where it limits that (Instagram's 24-hour window).
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
        Instant sentAt,
        Instant replyAllowedUntil)
        implements InboundMessage {

    public CustomerMessageReceived {
        attachments = attachments == null ? List.of() : List.copyOf(attachments);
    }

    /** A message from a platform that does not limit when replies may be sent. */
    public CustomerMessageReceived(
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
            Instant sentAt) {
        this(
                eventId,
                occurredAt,
                tenantId,
                conversationId,
                channelId,
                platform,
                externalChatId,
                platformMessageId,
                customer,
                content,
                attachments,
                sentAt,
                null);
    }

    @Override
    public CustomerMessageReceived withConversationId(String conversationId) {
        return new CustomerMessageReceived(
                eventId,
                occurredAt,
                tenantId,
                conversationId,
                channelId,
                platform,
                externalChatId,
                platformMessageId,
                customer,
                content,
                attachments,
                sentAt,
                replyAllowedUntil);
    }
}
