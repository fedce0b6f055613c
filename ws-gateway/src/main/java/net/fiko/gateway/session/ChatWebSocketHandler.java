package net.fiko.gateway.session;

import java.time.Clock;
import java.util.UUID;
import net.fiko.events.Agent;
import net.fiko.events.Message;
import net.fiko.events.StorableText;
import net.fiko.events.Topics;
import net.fiko.events.command.GatewayCommand;
import net.fiko.events.command.MarkReadRequested;
import net.fiko.events.command.MessageSendRequested;
import net.fiko.events.query.MessageHistoryAnswered;
import net.fiko.gateway.presence.ChatPresence;
import net.fiko.gateway.protocol.CloseCodes;
import net.fiko.gateway.protocol.ErrorCode;
import net.fiko.gateway.protocol.FrameFields;
import net.fiko.gateway.protocol.Frames;
import net.fiko.gateway.query.QueryClient;
import net.fiko.gateway.system.GatewayProperties;
import net.fiko.support.auth.TokenVerifier;
import net.fiko.support.kafka.EventPublisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.CloseStatus;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code /ws/chat/{conversation_id}/}: one conversation. An agent's {@code chat_message} becomes a command on Kafka;
 * the stored message comes back to every socket of the chat through the fan-out.
 */
@Component
public class ChatWebSocketHandler extends AuthenticatingWebSocketHandler {

    static final int RECENT_MESSAGES = 50;
    private static final Logger log = LoggerFactory.getLogger(ChatWebSocketHandler.class);

    private final EventPublisher events;
    private final QueryClient queries;
    private final ChatPresence presence;
    private final GatewayProperties properties;
    private final Clock clock;

    ChatWebSocketHandler(
            TokenVerifier verifier,
            SessionRegistry registry,
            TokenExpiry expiry,
            Keepalive keepalive,
            SocketLimits limits,
            GatewayProperties properties,
            EventPublisher events,
            QueryClient queries,
            ChatPresence presence,
            Clock clock) {
        super(verifier, registry, expiry, keepalive, limits, properties);
        this.events = events;
        this.queries = queries;
        this.presence = presence;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * Joins the chat: the tenant's conversation gets its {@code recent_messages} (or, resuming with {@code ?since=},
     * exactly what came after); a missing or another tenant's conversation gets "Conversation not found" and close
     * 4404. Live frames wait until the history is sent.
     */
    @Override
    void opened(ClientSession session) {
        queries.history(session.user(), session.conversationId(), null, session.since(), RECENT_MESSAGES)
                .whenComplete((answer, failure) -> {
                    if (failure != null) {
                        log.warn("History of {} not answered: {}", session.conversationId(), failure.toString());
                        session.refuseJoin();
                        session.sendError(ErrorCode.UNAVAILABLE);
                        session.close(CloseStatus.SERVICE_RESTARTED);
                    } else if (!answer.found()) {
                        session.refuseJoin();
                        session.sendError(ErrorCode.CONVERSATION_NOT_FOUND);
                        session.close(CloseCodes.NOT_FOUND);
                    } else {
                        long last = answer.messages().stream()
                                .mapToLong(Message::sequence)
                                .max()
                                .orElse(0);
                        if (session.completeJoin(recentMessages(answer, session.since() != null), last)) {
                            presence.joined(session.user(), session.conversationId());
                        }
                    }
                });
    }

    private Frames.RecentMessagesFrame recentMessages(MessageHistoryAnswered answer, boolean resuming) {
        return new Frames.RecentMessagesFrame(
                "recent_messages",
                answer.messages().stream().map(Frames::view).toList(),
                clock.instant(),
                answer.hasMore(),
                resuming ? answer.recovered() : null);
    }

    @Override
    void received(ClientSession session, ObjectNode frame) {
        String type = type(frame);
        if ("chat_message".equals(type)) {
            chatMessage(session, frame);
        } else if ("mark_read".equals(type)) {
            publish(
                    session,
                    new MarkReadRequested(
                            newId(),
                            clock.instant(),
                            session.user().tenantId(),
                            session.conversationId(),
                            agent(session)),
                    null);
        } else if ("load_more_messages".equals(type)) {
            loadMore(session, frame);
        } else if ("typing".equals(type)) {
            typing(session, frame);
        } else {
            session.sendError(ErrorCode.UNKNOWN_TYPE);
        }
    }

    /** {@code typing {"is_typing": true}}: the others in the chat see {@code typing_indicator}. */
    private void typing(ClientSession session, ObjectNode frame) {
        JsonNode isTyping = frame.get("is_typing");
        if (isTyping != null && !isTyping.isBoolean()) {
            session.sendError(ErrorCode.INVALID_FIELD);
            return;
        }
        if (session.member()) {
            presence.typing(session.user(), session.conversationId(), isTyping == null || isTyping.asBoolean());
        }
    }

    @Override
    void closed(ClientSession session) {
        if (session.member()) {
            presence.left(session.user(), session.conversationId());
        }
    }

    /** {@code load_more_messages {"before": "<message id>", "limit": 50}}: the older page, as recent_messages. */
    private void loadMore(ClientSession session, ObjectNode frame) {
        JsonNode before = frame.get("before");
        JsonNode limit = frame.get("limit");
        if (!FrameFields.isOptionalString(before) || (limit != null && !limit.isInt())) {
            session.sendError(ErrorCode.INVALID_FIELD, FrameFields.isOptionalString(before) ? "limit" : "before", null);
            return;
        }
        if (!FrameFields.isPlainLine(FrameFields.optionalString(before), FrameFields.MAX_NAME_LENGTH)) {
            session.sendError(ErrorCode.INVALID_VALUE, "before", null);
            return;
        }
        int size = limit == null ? RECENT_MESSAGES : Math.max(1, Math.min(limit.asInt(), 100));
        queries.history(
                        session.user(),
                        session.conversationId(),
                        before == null || before.isNull() ? null : before.asString(),
                        null,
                        size)
                .whenComplete((answer, failure) -> {
                    if (failure != null) {
                        session.sendError(ErrorCode.UNAVAILABLE);
                    } else if (!answer.found()) {
                        session.sendError(ErrorCode.CONVERSATION_NOT_FOUND);
                    } else {
                        session.send(recentMessages(answer, false));
                    }
                });
    }

    /**
     * {@code chat_message {"content": "…", "client_msg_id": "…"}}: the content trimmed, characters no store can hold
     * replaced; a {@code client_msg_id} of control characters or longer than 128 is refused, naming the field.
     */
    private void chatMessage(ClientSession session, ObjectNode frame) {
        JsonNode content = frame.get("content");
        JsonNode clientMsgIdNode = frame.get("client_msg_id");
        if (!FrameFields.isOptionalString(content) || !FrameFields.isOptionalString(clientMsgIdNode)) {
            session.sendError(
                    ErrorCode.INVALID_FIELD, FrameFields.isOptionalString(content) ? "client_msg_id" : "content", null);
            return;
        }
        String clientMsgId = FrameFields.optionalString(clientMsgIdNode);
        if (!FrameFields.isPlainLine(clientMsgId, FrameFields.MAX_CLIENT_MSG_ID_LENGTH)) {
            session.sendError(ErrorCode.INVALID_VALUE, "client_msg_id", null);
            return;
        }
        String text = content == null || content.isNull()
                ? ""
                : StorableText.of(content.asString().strip());
        if (text.isEmpty()) {
            session.sendError(ErrorCode.EMPTY_CONTENT, "content", clientMsgId);
            return;
        }
        if (text.codePointCount(0, text.length()) > FrameFields.MAX_CONTENT_LENGTH) {
            session.sendError(ErrorCode.CONTENT_TOO_LONG, "content", clientMsgId);
            return;
        }
        publish(
                session,
                new MessageSendRequested(
                        newId(),
                        clock.instant(),
                        session.user().tenantId(),
                        session.conversationId(),
                        agent(session),
                        text,
                        clientMsgId,
                        properties.instanceId()),
                clientMsgId);
    }

    private void publish(ClientSession session, GatewayCommand command, String clientMsgId) {
        events.publish(Topics.GATEWAY_COMMANDS, command).whenComplete((sent, failure) -> {
            if (failure != null) {
                log.warn(
                        "Could not publish {} of socket {}: {}",
                        command.getClass().getSimpleName(),
                        session.id(),
                        failure.toString());
                session.sendError(ErrorCode.SEND_FAILED, null, clientMsgId);
            }
        });
    }

    private static Agent agent(ClientSession session) {
        return new Agent(session.user().userId(), session.user().username());
    }

    private static String newId() {
        return UUID.randomUUID().toString();
    }
}
