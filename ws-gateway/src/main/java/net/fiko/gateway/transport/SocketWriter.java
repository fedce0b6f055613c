package net.fiko.gateway.transport;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayDeque;
import net.fiko.gateway.config.GatewayMeters;
import net.fiko.gateway.config.GatewayMeters.Close;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.socket.CloseStatus;

/**
 * What waits to go out on one socket, written one frame after another with Jetty's asynchronous sends, so whoever
 * sends (the fan-out of a whole chat, say) never waits for a slow client. A client that lets more than {@code
 * limitBytes} pile up, or whose current write has not finished within {@code stallLimit}, is cut off (no close frame:
 * it would wait behind the rest); the others go on as if it were not there.
 */
public final class SocketWriter {

    private static final Logger log = LoggerFactory.getLogger(SocketWriter.class);
    private static final Object PING = new Object();

    private final Session socket;
    private final String id;
    private final long limitBytes;
    private final long stallNanos;
    private final GatewayMeters meters;
    private final ArrayDeque<Object> queue = new ArrayDeque<>();
    private long queuedBytes;
    /** A write is under way; only its completion starts the next. */
    private boolean writing;

    private long writingSince;
    /** The drain loop is inside a write call: a completion then lets the loop go on rather than nest. */
    private boolean inWrite;

    private boolean completedInline;
    private boolean cutOff;
    /** A close frame is queued: nothing may follow it, or its write would fail and cut the socket off (1006). */
    private boolean closing;

    private SocketWriter(Session socket, String id, long limitBytes, Duration stallLimit, GatewayMeters meters) {
        this.socket = socket;
        this.meters = meters;
        this.id = id;
        this.limitBytes = limitBytes;
        this.stallNanos = stallLimit.toNanos();
    }

    /** The outbox of a socket, written through Jetty's own session. */
    static SocketWriter of(Session socket, String id, long limitBytes, Duration stallLimit, GatewayMeters meters) {
        return new SocketWriter(socket, id, limitBytes, stallLimit, meters);
    }

    /** A text frame; its length in characters counts against the limit (bytes, for the ASCII of JSON). */
    public void text(String frame) {
        offer(frame, frame.length());
    }

    public void ping() {
        offer(PING, 0);
    }

    /** A close frame after whatever waits before it. */
    public void close(CloseStatus status) {
        offer(status, 0);
    }

    /** A close frame the gateway sends for a reason of its own, counted in {@code fiko.gateway.sockets.closed}. */
    public void close(CloseStatus status, Close reason) {
        meters.closed(reason);
        close(status);
    }

    private void offer(Object frame, long bytes) {
        boolean start;
        boolean tooSlow;
        synchronized (this) {
            if (cutOff || closing || !socket.isOpen()) {
                return;
            }
            tooSlow = writing && (queuedBytes + bytes > limitBytes || System.nanoTime() - writingSince > stallNanos);
            if (!tooSlow) {
                queue.add(frame);
                queuedBytes += bytes;
                closing = frame instanceof CloseStatus;
            }
            start = !writing && !tooSlow;
            if (start) {
                writing = true;
            }
        }
        if (tooSlow) {
            cutOff(Close.SLOW_CLIENT, "it does not read fast enough");
        } else if (start) {
            drain();
        }
    }

    /** Writes queued frames one at a time until the queue is empty or a write has to wait for the network. */
    private void drain() {
        while (true) {
            Object next;
            synchronized (this) {
                next = queue.poll();
                if (next == null || cutOff) {
                    writing = false;
                    return;
                }
                queuedBytes -= next instanceof String text ? text.length() : 0;
                writingSince = System.nanoTime();
                inWrite = true;
                completedInline = false;
            }
            write(next);
            synchronized (this) {
                inWrite = false;
                if (!completedInline) {
                    return; // the write finishes later, and its completion drains on
                }
            }
        }
    }

    private void write(Object frame) {
        Callback done = Callback.from(this::written, this::failed);
        try {
            if (frame == PING) {
                socket.sendPing(ByteBuffer.allocate(0), done);
            } else if (frame instanceof CloseStatus status) {
                socket.close(status.getCode(), status.getReason(), done);
            } else {
                meters.frameOut();
                socket.sendText((String) frame, done);
            }
        } catch (RuntimeException e) {
            failed(e);
        }
    }

    private void written() {
        synchronized (this) {
            if (inWrite) {
                completedInline = true;
                return;
            }
        }
        drain();
    }

    private void failed(Throwable error) {
        synchronized (this) {
            if (inWrite) {
                completedInline = false;
            }
        }
        cutOff(Close.WRITE_FAILED, "a write failed (" + error + ")");
    }

    /** Drops the connection without a close handshake: for a client that cannot take its frames, or is gone. */
    public void cutOff(Close reason, String why) {
        synchronized (this) {
            if (cutOff) {
                return;
            }
            cutOff = true;
            queue.clear();
            queuedBytes = 0;
        }
        meters.closed(reason);
        log.info("Cutting socket {} off: {}", id, why);
        socket.disconnect();
    }
}
