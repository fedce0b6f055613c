package net.fiko.gateway.endpoint;

import java.net.InetSocketAddress;
import net.fiko.events.EventJson;
import net.fiko.gateway.auth.TokenExpiry;
import net.fiko.gateway.auth.TokenHandshakeInterceptor;
import net.fiko.gateway.config.GatewayMeters;
import net.fiko.gateway.config.GatewayProperties;
import net.fiko.gateway.hub.ClientSession;
import net.fiko.gateway.hub.FrameRateLimit;
import net.fiko.gateway.hub.GatewayDrain;
import net.fiko.gateway.hub.SessionRegistry;
import net.fiko.gateway.hub.SocketLimits;
import net.fiko.gateway.protocol.CloseCodes;
import net.fiko.gateway.protocol.ErrorCode;
import net.fiko.gateway.protocol.Frames;
import net.fiko.gateway.transport.JettySockets;
import net.fiko.gateway.transport.SocketWriter;
import net.fiko.support.auth.AuthenticatedUser;
import net.fiko.support.auth.InvalidTokenException;
import net.fiko.support.auth.TokenVerifier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.PongMessage;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.TextWebSocketHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What both endpoints share: the token is verified when the socket opens (an {@code error} event and close 1008
 * otherwise) and watched until it expires; a socket over a limit of {@link SocketLimits} is refused with close 1013; frames that are not JSON objects get an {@code error} event and the
 * socket stays open; the socket is in the registry while it is open.
 */
abstract class AuthenticatingWebSocketHandler extends TextWebSocketHandler {

    private static final Logger log = LoggerFactory.getLogger(AuthenticatingWebSocketHandler.class);
    private static final String SESSION = "fiko.session";

    private final TokenVerifier verifier;
    private final SessionRegistry registry;
    private final TokenExpiry expiry;
    private final GatewayProperties properties;
    private final JettySockets sockets;
    private final SocketLimits limits;
    private final GatewayMeters meters;
    private final GatewayDrain drain;

    AuthenticatingWebSocketHandler(Admission admission) {
        this.verifier = admission.verifier();
        this.registry = admission.registry();
        this.expiry = admission.expiry();
        this.sockets = admission.sockets();
        this.limits = admission.limits();
        this.properties = admission.properties();
        this.meters = admission.meters();
        this.drain = admission.drain();
    }

    /** Called once the socket's user is known and the socket is in the registry. */
    abstract void opened(ClientSession session);

    /** Called for each frame that is a JSON object. */
    abstract void received(ClientSession session, ObjectNode frame);

    /** Called once the socket is closed, for whatever reason. */
    void closed(ClientSession session) {}

    @Override
    public void afterConnectionEstablished(WebSocketSession raw) {
        SocketWriter outbox = sockets.opened(raw);
        String language = (String) raw.getAttributes().get(TokenHandshakeInterceptor.LANGUAGE);
        if (!limits.handshake(address(raw), System.nanoTime())) {
            refuse(raw, outbox, language, "Too many connections from this address");
            return;
        }
        AuthenticatedUser user;
        try {
            // The token is not kept past its check: the socket holds no credential, and a few hundred bytes less.
            user = verifier.verify((String) raw.getAttributes().remove(TokenHandshakeInterceptor.TOKEN));
        } catch (InvalidTokenException e) {
            log.info("Refused socket {}: {}", raw.getId(), e.reason());
            meters.refusedToken();
            ClientSession.send(outbox, Frames.error(ErrorCode.AUTHENTICATION_REQUIRED, language));
            outbox.close(CloseStatus.POLICY_VIOLATION.withReason("Authentication required"));
            return;
        }
        SocketLimits.Refusal refusal = limits.open(user);
        if (refusal != null) {
            refuse(
                    raw,
                    outbox,
                    language,
                    refusal == SocketLimits.Refusal.USER
                            ? "Too many connections of this user"
                            : "Too many connections of this tenant");
            return;
        }
        var session = new ClientSession(
                raw,
                outbox,
                user,
                language,
                (String) raw.getAttributes().get(TokenHandshakeInterceptor.CONVERSATION_ID),
                (String) raw.getAttributes().get(TokenHandshakeInterceptor.SINCE),
                new FrameRateLimit(
                        properties.framesPerSecond(),
                        properties.frameBurst(),
                        properties.frameBurst(),
                        System.nanoTime()));
        raw.getAttributes().put(SESSION, session);
        registry.add(session);
        if (drain.draining()) {
            // Opened while the instance stops: to another instance, as the drain sends every socket.
            session.close(CloseCodes.DRAINING, GatewayMeters.Close.DRAIN);
            return;
        }

        expiry.watch(session);
        opened(session);
    }

    @Override
    protected void handleTextMessage(WebSocketSession raw, TextMessage message) {
        ClientSession session = (ClientSession) raw.getAttributes().get(SESSION);
        if (session == null) {
            return;
        }
        meters.frameIn();
        long now = System.nanoTime();
        session.heard(now);
        FrameRateLimit.Verdict verdict = session.rateLimit().frame(now);
        if (verdict == FrameRateLimit.Verdict.CLOSE) {
            session.sendError(ErrorCode.RATE_LIMITED);
            session.close(CloseCodes.TRY_AGAIN_LATER.withReason("Rate limit exceeded"), GatewayMeters.Close.RATE_LIMIT);
            return;
        }
        if (verdict == FrameRateLimit.Verdict.REFUSE) {
            session.sendError(ErrorCode.RATE_LIMITED);
            return;
        }
        JsonNode frame;
        try {
            frame = EventJson.mapper().readTree(message.getPayload());
        } catch (JacksonException e) {
            session.sendError(ErrorCode.INVALID_JSON);
            return;
        }
        if (frame == null || !frame.isObject()) {
            session.sendError(ErrorCode.INVALID_FORMAT);
            return;
        }
        try (var context = session.logContext()) {
            received(session, (ObjectNode) frame);
        }
    }

    @Override
    protected void handlePongMessage(WebSocketSession raw, PongMessage message) {
        ClientSession session = (ClientSession) raw.getAttributes().get(SESSION);
        if (session != null) {
            session.heard(System.nanoTime());
        }
    }

    @Override
    public void afterConnectionClosed(WebSocketSession raw, CloseStatus status) {
        ClientSession session = (ClientSession) raw.getAttributes().remove(SESSION);
        if (session != null) {
            limits.closed(session.user());
            registry.remove(session);
            expiry.forget(session);
            closed(session);
        }
    }

    /** Refuses a socket over a limit: the client is to come back later, not to sign in again. */
    private static void refuse(WebSocketSession raw, SocketWriter outbox, String language, String reason) {
        log.info("Refused socket {}: {}", raw.getId(), reason);
        ClientSession.send(outbox, Frames.error(ErrorCode.TOO_MANY_CONNECTIONS, language));
        outbox.close(CloseCodes.TRY_AGAIN_LATER.withReason(reason));
    }

    private static String address(WebSocketSession raw) {
        InetSocketAddress remote = raw.getRemoteAddress();
        return remote == null || remote.getAddress() == null
                ? "unknown"
                : remote.getAddress().getHostAddress();
    }

    @Override
    public void handleTransportError(WebSocketSession raw, Throwable exception) {
        log.debug("Transport error on socket {}: {}", raw.getId(), exception.toString());
    }
}
