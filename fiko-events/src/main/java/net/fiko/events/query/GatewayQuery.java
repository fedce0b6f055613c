package net.fiko.events.query;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import net.fiko.events.Agent;
import net.fiko.events.FikoEvent;

/**
 * A read a gateway needs answered without a database of its own; topic {@code fiko.gateway.queries}. The answer
 * goes to {@code fiko.gateway.replies}, marked with {@code replyTo} (the asking gateway instance) and
 * {@code requestId}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = ConversationListRequested.class, name = "conversation_list_requested"),
    @JsonSubTypes.Type(value = MessageHistoryRequested.class, name = "message_history_requested")
})
public sealed interface GatewayQuery extends FikoEvent permits ConversationListRequested, MessageHistoryRequested {

    String requestId();

    String replyTo();

    Agent agent();
}
