package net.fiko.events.inbound;

import java.time.Instant;
import java.util.List;
import net.fiko.events.Attachment;
import net.fiko.events.Customer;
import net.fiko.events.Platform;

/**
 * The business wrote to a customer from the platform's own app rather than through Fiko (an Instagram echo of a
 * message Fiko did not send). message-service stores it as a support message without an agent, so the conversation
 * shows everything the customer saw.
 */
public record BusinessMessageSent(
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

    public BusinessMessageSent {
        attachments = attachments == null ? List.of() : List.copyOf(attachments);
    }

    @Override
    public BusinessMessageSent withConversationId(String conversationId) {
        return new BusinessMessageSent(
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
                sentAt);
    }
}
