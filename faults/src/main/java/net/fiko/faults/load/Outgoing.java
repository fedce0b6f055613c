package net.fiko.faults.load;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The messages a chat client sent and still waits to see echoed. Each goes again, with the same {@code client_msg_id},
 * when it waited too long, when the server refused it for now, or when the socket comes back: the server's dedupe by
 * that id is what keeps these repeats from reaching anyone twice.
 */
final class Outgoing {

    /** How long a sent message may wait for its echo before it goes again. */
    static final long RESEND_AFTER_NANOS = Duration.ofSeconds(5).toNanos();

    /** Puts one message on the socket, or does nothing while it is down. */
    interface Transmitter {
        void transmit(String clientMsgId, String content);
    }

    private static final class Waiting {
        final String content;
        long sentNanos;
        int attempts;

        Waiting(String content) {
            this.content = content;
        }
    }

    private final Map<String, Waiting> waiting = new LinkedHashMap<>();
    private long acked;
    private long resent;
    private long recovered;

    void send(String clientMsgId, String content, Transmitter transmitter) {
        Waiting message = new Waiting(content);
        waiting.put(clientMsgId, message);
        attempt(clientMsgId, message, transmitter);
    }

    /** Sends again what waited longer than {@link #RESEND_AFTER_NANOS} for its echo. */
    void resendOverdue(long nowNanos, Transmitter transmitter) {
        for (Map.Entry<String, Waiting> entry : waiting.entrySet()) {
            if (nowNanos - entry.getValue().sentNanos > RESEND_AFTER_NANOS) {
                resent++;
                attempt(entry.getKey(), entry.getValue(), transmitter);
            }
        }
    }

    /** Sends everything waiting again: the socket was just (re)opened. */
    void resendAll(Transmitter transmitter) {
        for (Map.Entry<String, Waiting> entry : waiting.entrySet()) {
            attempt(entry.getKey(), entry.getValue(), transmitter);
        }
    }

    /** The server refused this one for now (an {@code error} naming it): it is overdue at once. */
    void refused(String clientMsgId) {
        Waiting message = waiting.get(clientMsgId);
        if (message != null) {
            message.sentNanos = 0;
        }
    }

    /** The server echoed one of ours: it is acknowledged, and recovered if it took more than one attempt. */
    void echoed(String clientMsgId) {
        Waiting message = waiting.remove(clientMsgId);
        if (message != null) {
            acked++;
            if (message.attempts > 1) {
                recovered++;
            }
        }
    }

    private static void attempt(String clientMsgId, Waiting message, Transmitter transmitter) {
        message.attempts++;
        message.sentNanos = System.nanoTime();
        transmitter.transmit(clientMsgId, message.content);
    }

    Set<String> unacked() {
        return Set.copyOf(waiting.keySet());
    }

    long acked() {
        return acked;
    }

    long resent() {
        return resent;
    }

    long recovered() {
        return recovered;
    }
}
