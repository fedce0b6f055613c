package net.fiko.events.inbound;

import java.time.Instant;
import net.fiko.events.Customer;
import net.fiko.events.Platform;

/**
 * A connector learned more about a customer than their messages carry (Instagram's profile, fetched after the first
 * message so the webhook never waits for it). message-service updates the customer and retitles the conversation.
 */
public record CustomerProfileUpdated(
        String eventId,
        Instant occurredAt,
        String tenantId,
        String conversationId,
        String channelId,
        Platform platform,
        Customer customer)
        implements InboundMessage {

    /** Profiles name no message. */
    @Override
    public String platformMessageId() {
        return null;
    }

    @Override
    public CustomerProfileUpdated withConversationId(String conversationId) {
        return new CustomerProfileUpdated(eventId, occurredAt, tenantId, conversationId, channelId, platform, customer);
    }
}
