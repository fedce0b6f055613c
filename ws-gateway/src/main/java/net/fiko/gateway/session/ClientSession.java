package net.fiko.gateway.session;

import java.io.IOException;
import net.fiko.events.EventJson;
import net.fiko.gateway.protocol.ErrorCode;
import net.fiko.gateway.protocol.Frames;
import net.fiko.support.auth.AuthenticatedUser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;

/**
 * One authenticated socket. Sends go through a bounded buffer: a client that cannot keep up is closed rather than
 * slowing the fan-out to everyone else.
 */
public final class ClientSession {

    private static final Logger log = LoggerFactory.getLogger(ClientSession.class);

    private final WebSocketSession socket;
    private final AuthenticatedUser user;
    private final String language;
    private final String conversationId;

    ClientSession(WebSocketSession socket, AuthenticatedUser user, String language, String conversationId) {
        this.socket = socket;
        this.user = user;
        this.language = language;
        this.conversationId = conversationId;
    }

    public String id() {
        return socket.getId();
    }

    public AuthenticatedUser user() {
        return user;
    }

    /** The chat this socket is on; {@code null} for a conversation-list socket. */
    public String conversationId() {
        return conversationId;
    }

    public String language() {
        return language;
    }

    public void send(Object frame) {
        send(socket, frame);
    }

    /** Sends a frame serialized once for many sockets. */
    public void send(TextMessage frame) {
        if (!socket.isOpen()) {
            return;
        }
        try {
            socket.sendMessage(frame);
        } catch (IOException | RuntimeException e) {
            log.info("Closing socket {}: send failed ({})", socket.getId(), e.toString());
            close(socket, CloseStatus.SESSION_NOT_RELIABLE);
        }
    }

    public void sendError(ErrorCode code) {
        send(Frames.error(code, language));
    }

    public void close(CloseStatus status) {
        close(socket, status);
    }

    static void send(WebSocketSession socket, Object frame) {
        new ClientSession(socket, null, null, null).send(new TextMessage(EventJson.toBytes(frame)));
    }

    static void close(WebSocketSession socket, CloseStatus status) {
        try {
            socket.close(status);
        } catch (IOException e) {
            log.debug("Socket {} was already gone", socket.getId());
        }
    }
}
