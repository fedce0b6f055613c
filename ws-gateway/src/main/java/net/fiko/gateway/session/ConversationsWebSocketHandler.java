package net.fiko.gateway.session;

import net.fiko.gateway.protocol.ErrorCode;
import net.fiko.gateway.system.GatewayProperties;
import net.fiko.support.auth.TokenVerifier;
import org.springframework.stereotype.Component;
import tools.jackson.databind.node.ObjectNode;

/** {@code /ws/conversations/}: a tenant's conversation list. */
@Component
public class ConversationsWebSocketHandler extends AuthenticatingWebSocketHandler {

    ConversationsWebSocketHandler(
            TokenVerifier verifier, SessionRegistry registry, TokenExpiry expiry, GatewayProperties properties) {
        super(verifier, registry, expiry, properties);
    }

    @Override
    void opened(ClientSession session) {}

    @Override
    void received(ClientSession session, ObjectNode frame) {
        String type = type(frame);
        if (type == null || "get_conversations".equals(type) || "refresh_conversations".equals(type)) {
            return;
        }
        session.sendError(ErrorCode.UNKNOWN_TYPE);
    }
}
