package net.fiko.events.query;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import net.fiko.events.FikoEvent;

/**
 * message-service's answer to a {@link GatewayQuery}; topic {@code fiko.gateway.replies}. Every gateway reads the
 * topic and keeps the answers whose {@code replyTo} is its own id. {@code found} is false for a conversation that
 * does not exist or belongs to another tenant; the two are not told apart.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = ConversationListAnswered.class, name = "conversation_list_answered"),
    @JsonSubTypes.Type(value = MessageHistoryAnswered.class, name = "message_history_answered")
})
public sealed interface QueryAnswer extends FikoEvent permits ConversationListAnswered, MessageHistoryAnswered {

    String requestId();

    String replyTo();
}
