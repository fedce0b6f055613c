package net.fiko.faults.load;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import net.fiko.events.EventJson;
import tools.jackson.databind.JsonNode;

/**
 * An agent's chat socket that behaves as the frontend's client should under faults: it reconnects when the socket
 * goes (to the next gateway, if there are several) and resumes with {@code ?since=} the last message it has; it
 * sends each message with a {@code client_msg_id} and sends it again, with the same id, until the server echoes it.
 * It keeps what a checker needs: every message id and sequence it received, repeats, sequences out of order, resumes
 * the server could not serve in full.
 */
public final class ChatClient implements WebSocket.Listener {

    /** How long a sent message may wait for its echo before the client sends it again. */
    static final long RESEND_AFTER_NANOS = Duration.ofSeconds(5).toNanos();

    private final HttpClient http;
    private final List<URI> gateways;
    private final String conversationId;
    private final String userId;
    private final String token;

    private final Received received = new Received();
    private final Map<String, Pending> pending = new LinkedHashMap<>();
    private final StringBuilder partial = new StringBuilder();
    private WebSocket socket;
    private boolean connecting;
    private int gateway;
    private long nextReconnectNanos;
    private CompletableFuture<?> writes = CompletableFuture.completedFuture(null);
    private int failedConnects;

    private long acked;
    private long resent;
    private long recovered;
    private long resumesCut;
    private long reconnects;

    private static final class Pending {
        final String content;
        long sentNanos;
        int attempts;

        Pending(String content) {
            this.content = content;
        }
    }

    public ChatClient(
            HttpClient http, List<URI> gateways, int firstGateway, String conversationId, String userId, String token) {
        this.http = http;
        this.gateways = gateways;
        this.gateway = firstGateway % gateways.size();
        this.conversationId = conversationId;
        this.userId = userId;
        this.token = token;
    }

    public String conversationId() {
        return conversationId;
    }

    /** Opens the socket and waits for the chat's first frame. */
    public void connect(Duration timeout) throws Exception {
        CompletableFuture<WebSocket> opened;
        synchronized (this) {
            connecting = true;
            opened = open();
        }
        opened.get(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (firstSequenceUnknown() && System.nanoTime() < deadline) {
            java.util.concurrent.locks.LockSupport.parkNanos(
                    Duration.ofMillis(20).toNanos());
        }
    }

    private synchronized boolean firstSequenceUnknown() {
        return connecting || socket == null;
    }

    /** Sends a message (and again, with the same id, until it is echoed). */
    public synchronized void send(String clientMsgId, String content) {
        Pending message = new Pending(content);
        pending.put(clientMsgId, message);
        transmit(clientMsgId, message);
    }

    /** Marks the chat read (for the unread counts); lost with the socket if it is down, as a click would be. */
    public synchronized void markRead() {
        if (socket != null && !connecting) {
            write("{\"type\":\"mark_read\"}");
        }
    }

    /** Called about once a second: sends again what waited too long for its echo, reconnects a lost socket. */
    public synchronized void tick() {
        long now = System.nanoTime();
        if (socket == null && !connecting && now >= nextReconnectNanos) {
            connecting = true;
            reconnects++;
            open();
            return;
        }
        if (socket == null) {
            return;
        }
        for (Map.Entry<String, Pending> entry : pending.entrySet()) {
            if (now - entry.getValue().sentNanos > RESEND_AFTER_NANOS) {
                resent++;
                transmit(entry.getKey(), entry.getValue());
            }
        }
    }

    /** Cuts the socket without a close handshake, as a lost network does; {@link #tick} reconnects it. */
    public synchronized void drop() {
        if (socket != null) {
            socket.abort();
            lost();
        }
    }

    public synchronized void close() {
        if (socket != null) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").exceptionally(e -> null);
            socket = null;
        }
        connecting = true; // never again
    }

    private CompletableFuture<WebSocket> open() {
        String since = received.highestId() == null ? "" : "&since=" + received.highestId();
        URI uri = URI.create(gateways.get(gateway) + "/ws/chat/" + conversationId + "/?token=" + token + since);
        return http.newWebSocketBuilder()
                .connectTimeout(Duration.ofSeconds(5))
                .buildAsync(uri, this)
                .whenComplete((ws, failure) -> {
                    if (failure != null) {
                        synchronized (this) {
                            lost();
                        }
                    }
                });
    }

    private void transmit(String clientMsgId, Pending message) {
        message.attempts++;
        message.sentNanos = System.nanoTime();
        if (socket == null || connecting) {
            return; // sent again once connected
        }
        String frame =
                "{\"type\":\"chat_message\",\"content\":" + EventJson.mapper().writeValueAsString(message.content)
                        + ",\"client_msg_id\":\"" + clientMsgId + "\"}";
        write(frame);
    }

    /** Sends a frame after the ones before it (the JDK's WebSocket takes one send at a time). */
    private void write(String frame) {
        WebSocket target = socket;
        writes = writes.handle((done, failure) -> null)
                .thenCompose(done -> target.sendText(frame, true))
                .exceptionally(failure -> null);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            JsonNode frame = EventJson.mapper().readTree(partial.toString());
            partial.setLength(0);
            synchronized (this) {
                handle(webSocket, frame);
            }
        }
        webSocket.request(1);
        return null;
    }

    private void handle(WebSocket webSocket, JsonNode frame) {
        switch (frame.path("type").asString()) {
            case "recent_messages" -> {
                boolean resumed = received.highestId() != null;
                if (resumed && !frame.path("recovered").asBoolean(false)) {
                    resumesCut++;
                }
                for (JsonNode message : frame.path("messages")) {
                    receive(message, resumed);
                }
                if (connecting) {
                    connecting = false;
                    failedConnects = 0;
                    socket = webSocket;
                    // Whatever waited for its echo goes again now, with the same ids.
                    for (Map.Entry<String, Pending> entry : pending.entrySet()) {
                        transmit(entry.getKey(), entry.getValue());
                    }
                }
            }
            case "chat_message" -> receive(frame.path("message"), true);
            case "error" -> {
                String clientMsgId = frame.path("client_msg_id").asString("");
                Pending message = pending.get(clientMsgId);
                if (message != null) {
                    message.sentNanos = 0; // sent again on the next tick
                }
            }
            default -> {
                // typing, presence, read marks, statuses: not what this client checks
            }
        }
    }

    private void receive(JsonNode message, boolean checkOrder) {
        if (received.add(message, checkOrder)
                && userId.equals(message.path("sender").path("user_id").asString(""))) {
            Pending echoed = pending.remove(message.path("client_msg_id").asString(""));
            if (echoed != null) {
                acked++;
                if (echoed.attempts > 1) {
                    recovered++;
                }
            }
        }
    }

    /** The socket is gone: the next tick reconnects, to the next gateway, after a pause that grows with failures. */
    private void lost() {
        socket = null;
        connecting = false;
        gateway = (gateway + 1) % gateways.size();
        long pause = Math.min(3000, 200L << Math.min(failedConnects++, 4));
        nextReconnectNanos = System.nanoTime()
                + Duration.ofMillis(pause
                                + java.util.concurrent.ThreadLocalRandom.current()
                                        .nextLong(200))
                        .toNanos();
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        synchronized (this) {
            if (socket == webSocket || connecting) {
                lost();
            }
        }
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        synchronized (this) {
            if (socket == webSocket || connecting) {
                lost();
            }
        }
    }

    /** The figures of this socket; {@code lastSequence} is the conversation's last message as stored. */
    public synchronized SocketFigures figures(long lastSequence) {
        return new SocketFigures(
                acked,
                pending.size(),
                resent,
                recovered,
                received.missing(lastSequence),
                received.repeats(),
                received.outOfOrder(),
                resumesCut,
                reconnects);
    }

    /** The ids of the messages this client sent that were never echoed. */
    public synchronized Set<String> unacked() {
        return Set.copyOf(pending.keySet());
    }

    public synchronized long highestSequence() {
        return received.highestSequence();
    }

    public synchronized boolean isConnected() {
        return socket != null && !connecting;
    }
}
