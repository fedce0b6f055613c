package net.fiko.events;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Conversation ids derived from who the customer is and where they wrote, so a connector can key an inbound message
 * by its conversation before message-service has seen it: one conversation per customer of a tenant on each of the
 * tenant's channels (a customer writing to two bots has two conversations, each answered through its own bot).
 *
 * <p>Conversations opened before ids named the channel keep their first id: message-service maps the id a connector
 * now derives for them to the one they have (see docs/decisions/0001-conversation-per-channel.md).
 */
public final class ConversationIds {

    private ConversationIds() {}

    /** The conversation of a customer on one of the tenant's channels; a null channel names none (a demo source). */
    public static String forCustomer(String tenantId, Platform platform, String channelId, String externalCustomerId) {
        String name = "fiko:conversation:" + tenantId + ":" + platform.wireName() + ":"
                + (channelId == null ? "" : channelId + ":") + externalCustomerId;
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
    }
}
