package net.fiko.gateway.hub;

import java.nio.charset.StandardCharsets;
import net.fiko.events.EventJson;
import net.fiko.gateway.config.GatewayMeters;
import net.fiko.gateway.protocol.ErrorCode;
import net.fiko.gateway.protocol.Frames;
import net.fiko.gateway.transport.SocketWriter;
import net.fiko.support.auth.AuthenticatedUser;
import net.fiko.support.observability.LogContext;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;

/**
 * One authenticated socket. Sends go through its {@link SocketWriter}: a client that cannot keep up is cut off rather than
 * slowing the fan-out to everyone else.
 */
public final class ClientSession {

    private final WebSocketSession socket;
    private final SocketWriter outbox;
    private final AuthenticatedUser user;
    private final String language;
    private final String conversationId;
    private final String since;
    private final FrameRateLimit rateLimit;
    private final ChatJoin join;
    /** When the client was last heard from, a frame or a pong ({@link System#nanoTime()}). */
    private volatile long heardAt = System.nanoTime();

    public ClientSession(
            WebSocketSession socket,
            SocketWriter outbox,
            AuthenticatedUser user,
            String language,
            String conversationId,
            String since,
            FrameRateLimit rateLimit) {
        this.socket = socket;
        this.outbox = outbox;
        this.user = user;
        this.language = language;
        this.conversationId = conversationId;
        this.since = since;
        this.rateLimit = rateLimit;
        this.join = new ChatJoin(conversationId != null);
    }

    public FrameRateLimit rateLimit() {
        return rateLimit;
    }

    /** The message a resuming client last had ({@code ?since=}), or null. */
    public String since() {
        return since;
    }

    public String id() {
        return socket.getId();
    }

    public AuthenticatedUser user() {
        return user;
    }

    /** The socket's tenant, user and conversation in the MDC of the log lines written until it is closed. */
    public LogContext logContext() {
        return LogContext.of(
                LogContext.TENANT,
                user.tenantId(),
                LogContext.USER,
                user.userId(),
                LogContext.CONVERSATION,
                conversationId);
    }

    /** The chat this socket is on; {@code null} for a conversation-list socket. */
    public String conversationId() {
        return conversationId;
    }

    public String language() {
        return language;
    }

    public void send(Object frame) {
        send(outbox, frame);
    }

    /** Sends a frame serialized once for many sockets. */
    public void send(TextMessage frame) {
        outbox.text(frame.getPayload());
    }

    /**
     * Sends a frame of the chat stream; while the socket is joining (its history not sent yet) the frame waits, so the
     * client gets its history first and then what came after it, nothing twice and nothing lost.
     *
     * @param sequence the message sequence the frame is about, or -1
     */
    public void deliver(TextMessage frame, long sequence) {
        join.deliver(this, frame, sequence);
    }

    /**
     * Sends the history, then what waited during the join and is newer than it; from then on, a message the history
     * held is not sent again, even when the event stream repeats it (the outbox relay republishes a batch whose
     * acknowledgement came late, and a gateway that started after the message was first published has not seen it).
     *
     * @return whether the socket joined; not when it was cut off meanwhile
     */
    public boolean completeJoin(TextMessage history, long lastSequence) {
        return join.complete(this, history, lastSequence);
    }

    /** The join was refused or could not be checked: what waited is dropped unseen, and nothing more is sent. */
    public void refuseJoin() {
        join.refuse();
    }

    /** Whether the socket sees its chat: a list socket, or a chat socket whose conversation is its user's tenant's. */
    public boolean member() {
        return join.member();
    }

    /** The client sent something: a frame, or the pong to a ping. */
    public void heard(long now) {
        heardAt = now;
    }

    /**
     * Pings the client, unless it has been silent longer than {@code silenceNanos}, pongs included: then its peer is
     * gone without closing (a phone that lost its network), and the socket is cut off rather than kept until TCP
     * gives up on it, minutes later.
     */
    void pingOrCutOff(long now, long silenceNanos) {
        if (now - heardAt > silenceNanos) {
            outbox.cutOff(GatewayMeters.Close.IDLE, "it answered no ping for " + (now - heardAt) / 1_000_000 + " ms");
        } else {
            outbox.ping();
        }
    }

    public void sendError(ErrorCode code) {
        send(Frames.error(code, language));
    }

    /** An error about one field of a frame, or about the message a {@code client_msg_id} named; either may be null. */
    public void sendError(ErrorCode code, String field, String clientMsgId) {
        send(Frames.error(code, language, field, clientMsgId));
    }

    /** Closes the socket after what was sent before. */
    public void close(CloseStatus status) {
        outbox.close(status);
    }

    /** Closes the socket for a reason of the gateway's, counted in {@code fiko.gateway.sockets.closed}. */
    public void close(CloseStatus status, GatewayMeters.Close reason) {
        outbox.close(status, reason);
    }

    public static void send(SocketWriter outbox, Object frame) {
        outbox.text(new String(EventJson.toBytes(frame), StandardCharsets.UTF_8));
    }
}
