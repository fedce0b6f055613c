package net.fiko.gateway.session;

import java.time.Clock;
import java.util.UUID;
import net.fiko.events.Agent;
import net.fiko.events.command.GatewayCommand;
import net.fiko.events.command.MarkReadRequested;
import net.fiko.events.command.MessageSendRequested;
import net.fiko.gateway.command.CommandPublisher;
import net.fiko.gateway.protocol.ErrorCode;
import net.fiko.gateway.system.GatewayProperties;
import net.fiko.support.auth.TokenVerifier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code /ws/chat/{conversation_id}/}: one conversation. An agent's {@code chat_message} becomes a command on Kafka;
 * the stored message comes back to every socket of the chat through the fan-out.
 */
@Component
public class ChatWebSocketHandler extends AuthenticatingWebSocketHandler {

    static final int MAX_CONTENT_LENGTH = 4096;
    private static final Logger log = LoggerFactory.getLogger(ChatWebSocketHandler.class);

    private final CommandPublisher commands;
    private final GatewayProperties properties;
    private final Clock clock;

    ChatWebSocketHandler(
            TokenVerifier verifier,
            SessionRegistry registry,
            TokenExpiry expiry,
            GatewayProperties properties,
            CommandPublisher commands,
            Clock clock) {
        super(verifier, registry, expiry, properties);
        this.commands = commands;
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    void opened(ClientSession session) {}

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
                            agent(session)));
        } else if (!"typing".equals(type)) {
            session.sendError(ErrorCode.UNKNOWN_TYPE);
        }
    }

    private void chatMessage(ClientSession session, ObjectNode frame) {
        JsonNode content = frame.get("content");
        JsonNode clientMsgId = frame.get("client_msg_id");
        if ((content != null && !content.isString() && !content.isNull())
                || (clientMsgId != null && !clientMsgId.isString() && !clientMsgId.isNull())) {
            session.sendError(ErrorCode.INVALID_FIELD);
            return;
        }
        String text =
                content == null || content.isNull() ? "" : content.asString().strip();
        if (text.isEmpty()) {
            session.sendError(ErrorCode.EMPTY_CONTENT);
            return;
        }
        if (text.codePointCount(0, text.length()) > MAX_CONTENT_LENGTH) {
            session.sendError(ErrorCode.CONTENT_TOO_LONG);
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
                        clientMsgId == null || clientMsgId.isNull() ? null : clientMsgId.asString(),
                        properties.instanceId()));
    }

    private void publish(ClientSession session, GatewayCommand command) {
        commands.publish(command).whenComplete((sent, failure) -> {
            if (failure != null) {
                log.warn(
                        "Could not publish {} of socket {}: {}",
                        command.getClass().getSimpleName(),
                        session.id(),
                        failure.toString());
                session.sendError(ErrorCode.SEND_FAILED);
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
