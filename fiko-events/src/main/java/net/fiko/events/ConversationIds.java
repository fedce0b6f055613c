package net.fiko.events;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Conversation ids derived from who the customer is, so a connector can key an inbound message by its conversation
 * before message-service has seen it: one conversation per customer of a tenant on a platform.
 */
public final class ConversationIds {

    private ConversationIds() {}

    public static String forCustomer(String tenantId, Platform platform, String externalCustomerId) {
        String name = "fiko:conversation:" + tenantId + ":" + platform.wireName() + ":" + externalCustomerId;
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
    }
}
