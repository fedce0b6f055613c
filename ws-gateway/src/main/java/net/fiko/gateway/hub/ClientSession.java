package net.fiko.gateway.hub;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import net.fiko.events.EventJson;
import net.fiko.gateway.protocol.CloseCodes;
import net.fiko.gateway.protocol.ErrorCode;
import net.fiko.gateway.protocol.Frames;
import net.fiko.gateway.transport.SocketWriter;
import net.fiko.support.auth.AuthenticatedUser;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;

/**
 * One authenticated socket. Sends go through its {@link SocketWriter}: a client that cannot keep up is cut off rather than
 * slowing the fan-out to everyone else.
 */
public final class ClientSession {

    /**
     * Frames that may wait for one joining socket: a conversation this busy during one history query is better
     * rejoined.
     */
    static final int MAX_QUEUED_WHILE_JOINING = 10_000;

    private final WebSocketSession socket;
    private final SocketWriter outbox;
    private final AuthenticatedUser user;
    private final String language;
    private final String conversationId;
    private final String since;
    private final FrameRateLimit rateLimit;
    private final Object joining = new Object();
    /**
     * While a chat socket joins (from the moment it exists until its membership is checked), the frames of its chat
     * wait here; {@code null} once it has joined or was refused.
     */
    private List<Queued> queued;
    /** The newest message the join's history held: a later copy of it or of an older one is a repeat. */
    private volatile long joinedThrough = -1;

    private volatile boolean member;
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
        if (conversationId != null) {
            queued = new ArrayList<>();
        } else {
            member = true; // a list socket sees its own tenant's list: nothing to check
        }
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
        synchronized (joining) {
            if (queued != null) {
                if (queued.size() >= MAX_QUEUED_WHILE_JOINING) {
                    queued = null;
                    outbox.close(CloseCodes.TRY_AGAIN_LATER.withReason("Too much happened while joining"));
                    return;
                }
                queued.add(new Queued(frame, sequence));
                return;
            }
        }
        if (!member) {
            return; // refused: the conversation is not its tenant's, or could not be checked
        }
        if (sequence >= 0 && sequence <= joinedThrough) {
            return; // already in the history this socket got; a copy republished after it joined
        }
        send(frame);
    }

    /**
     * Sends the history, then what waited during the join and is newer than it; from then on, a message the history
     * held is not sent again, even when the event stream repeats it (the outbox relay republishes a batch whose
     * acknowledgement came late, and a gateway that started after the message was first published has not seen it).
     *
     * @return whether the socket joined; not when it was cut off meanwhile
     */
    public boolean completeJoin(Object history, long lastSequence) {
        synchronized (joining) {
            if (queued == null) {
                return false; // cut off while joining
            }
            joinedThrough = lastSequence;
            member = true;
            send(history);
            for (Queued frame : queued) {
                if (frame.sequence() < 0 || frame.sequence() > lastSequence) {
                    send(frame.frame());
                }
            }
            queued = null;
            return true;
        }
    }

    /** The join was refused or could not be checked: what waited is dropped unseen, and nothing more is sent. */
    public void refuseJoin() {
        synchronized (joining) {
            queued = null;
        }
    }

    /** Whether the socket sees its chat: a list socket, or a chat socket whose conversation is its user's tenant's. */
    public boolean member() {
        return member;
    }

    private record Queued(TextMessage frame, long sequence) {}

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
            outbox.cutOff("it answered no ping for " + (now - heardAt) / 1_000_000 + " ms");
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

    public static void send(SocketWriter outbox, Object frame) {
        outbox.text(new String(EventJson.toBytes(frame), StandardCharsets.UTF_8));
    }
}
