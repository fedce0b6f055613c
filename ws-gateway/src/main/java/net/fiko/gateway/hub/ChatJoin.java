package net.fiko.gateway.hub;

import java.util.ArrayList;
import java.util.List;
import net.fiko.gateway.config.GatewayMeters;
import net.fiko.gateway.protocol.CloseCodes;
import org.springframework.web.socket.TextMessage;

/**
 * A chat socket's join. From the moment the socket exists until its membership is checked and its history sent, the
 * frames of its chat wait here, so the client gets its history first and then what came after it, nothing twice and
 * nothing lost. A list socket sees its own tenant's list: it has nothing to join.
 */
final class ChatJoin {

    /**
     * Frames that may wait for one joining socket: a conversation this busy during one history query is better
     * rejoined.
     */
    static final int MAX_QUEUED_WHILE_JOINING = 10_000;

    private final Object lock = new Object();
    /** The frames waiting for the join; {@code null} once the socket has joined or was refused. */
    private List<Queued> queued;
    /** The newest message the join's history held: a later copy of it or of an older one is a repeat. */
    private volatile long joinedThrough = -1;

    private volatile boolean member;

    ChatJoin(boolean chat) {
        if (chat) {
            queued = new ArrayList<>();
        } else {
            member = true;
        }
    }

    /** Sends a frame of the chat stream to the session, or keeps it while the join is under way. */
    void deliver(ClientSession session, TextMessage frame, long sequence) {
        synchronized (lock) {
            if (queued != null) {
                if (queued.size() >= MAX_QUEUED_WHILE_JOINING) {
                    queued = null;
                    session.close(
                            CloseCodes.TRY_AGAIN_LATER.withReason("Too much happened while joining"),
                            GatewayMeters.Close.JOIN_OVERFLOW);
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
        session.send(frame);
    }

    /** Sends the history, then what waited and is newer than it; false if the socket was cut off meanwhile. */
    boolean complete(ClientSession session, TextMessage history, long lastSequence) {
        synchronized (lock) {
            if (queued == null) {
                return false;
            }
            joinedThrough = lastSequence;
            member = true;
            session.send(history);
            for (Queued frame : queued) {
                if (frame.sequence() < 0 || frame.sequence() > lastSequence) {
                    session.send(frame.frame());
                }
            }
            queued = null;
            return true;
        }
    }

    /** What waited is dropped unseen, and nothing more is sent. */
    void refuse() {
        synchronized (lock) {
            queued = null;
        }
    }

    boolean member() {
        return member;
    }

    private record Queued(TextMessage frame, long sequence) {}
}
