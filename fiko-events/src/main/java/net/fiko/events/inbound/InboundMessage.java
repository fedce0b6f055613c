package net.fiko.events.inbound;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import net.fiko.events.FikoEvent;
import net.fiko.events.Platform;

/** A platform's message, normalized by its connector; topic {@code fiko.inbound.messages}. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = CustomerMessageReceived.class, name = "customer_message_received"),
    @JsonSubTypes.Type(value = CustomerMessageEdited.class, name = "customer_message_edited"),
    @JsonSubTypes.Type(value = BusinessMessageSent.class, name = "business_message_sent"),
    @JsonSubTypes.Type(value = CustomerProfileUpdated.class, name = "customer_profile_updated")
})
public sealed interface InboundMessage extends FikoEvent
        permits CustomerMessageReceived, CustomerMessageEdited, BusinessMessageSent, CustomerProfileUpdated {

    Platform platform();

    /** The tenant's channel (bot, account) the message came through. */
    String channelId();

    /**
     * The same event in another conversation: message-service files a message under the conversation a connector's
     * derived id stands for (see {@link net.fiko.events.ConversationIds}).
     */
    InboundMessage withConversationId(String conversationId);

    /** The platform's id of the message: the key message-service deduplicates by; null for events of no message. */
    String platformMessageId();
}
