package net.fiko.events.command;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import net.fiko.events.Agent;
import net.fiko.events.FikoEvent;

/** What an agent asked for on a chat socket; topic {@code fiko.gateway.commands}, consumed by message-service. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = MessageSendRequested.class, name = "message_send_requested"),
    @JsonSubTypes.Type(value = MarkReadRequested.class, name = "mark_read_requested"),
    @JsonSubTypes.Type(value = ConversationStatusRequested.class, name = "conversation_status_requested"),
    @JsonSubTypes.Type(value = ConversationAssignmentRequested.class, name = "conversation_assignment_requested")
})
public sealed interface GatewayCommand extends FikoEvent
        permits MessageSendRequested, MarkReadRequested, ConversationStatusRequested, ConversationAssignmentRequested {

    /** The agent who asked. */
    Agent agent();
}
