package net.fiko.events.conversation;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import net.fiko.events.FikoEvent;

/**
 * Every change to a conversation, in the order it happened; topic {@code fiko.conversation.events}. The public
 * stream: gateways fan it out to sockets, other teams and analytics read it.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = ConversationCreated.class, name = "conversation_created"),
    @JsonSubTypes.Type(value = ConversationUpdated.class, name = "conversation_updated"),
    @JsonSubTypes.Type(value = MessageCreated.class, name = "message_created"),
    @JsonSubTypes.Type(value = MessageEdited.class, name = "message_edited"),
    @JsonSubTypes.Type(value = DeliveryUpdated.class, name = "delivery_updated"),
    @JsonSubTypes.Type(value = MessagesRead.class, name = "messages_read"),
    @JsonSubTypes.Type(value = ConversationStatusChanged.class, name = "conversation_status_changed"),
    @JsonSubTypes.Type(value = ConversationAssigned.class, name = "conversation_assigned"),
    @JsonSubTypes.Type(value = CustomerErased.class, name = "customer_erased")
})
public sealed interface ConversationEvent extends FikoEvent
        permits ConversationCreated,
                ConversationUpdated,
                MessageCreated,
                MessageEdited,
                DeliveryUpdated,
                MessagesRead,
                ConversationStatusChanged,
                ConversationAssigned,
                CustomerErased {}
