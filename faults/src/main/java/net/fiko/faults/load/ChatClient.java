package net.fiko.faults.load;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import net.fiko.events.EventJson;
import tools.jackson.databind.JsonNode;

/**
 * An agent's chat socket that behaves as the frontend's client should under faults: it reconnects when the socket
 * goes (to the next gateway, if there are several) and resumes with {@code ?since=} the last message it has; it
 * sends each message with a {@code client_msg_id} and sends it again, with the same id, until the server echoes it.
 * It keeps what a checker needs: every message id and sequence it received, repeats, sequences out of order, resumes
 * the server could not serve in full.
 */
public final class ChatClient implements Frames.Handler {

    private final HttpClient http;
    private final String conversationId;
    private final String userId;
    private final String token;

    private final Reconnects reconnects;
    private final Received received = new Received();
    private final Outgoing outgoing = new Outgoing();
    private final Frames frames = new Frames(this);
    private WebSocket socket;
    private boolean connecting;
    private long resumesCut;

    public ChatClient(
            HttpClient http, List<URI> gateways, int firstGateway, String conversationId, String userId, String token) {
        this.http = http;
        this.reconnects = new Reconnects(gateways, firstGateway);
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
        opened.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!isConnected() && System.nanoTime() < deadline) {
            LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
        }
    }

    /** Sends a message (and again, with the same id, until it is echoed). */
    public synchronized void send(String clientMsgId, String content) {
        outgoing.send(clientMsgId, content, this::transmit);
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
        if (socket == null && !connecting && reconnects.due(now)) {
            connecting = true;
            reconnects.attempt();
            open();
            return;
        }
        if (socket != null) {
            outgoing.resendOverdue(now, this::transmit);
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
        URI uri = URI.create(reconnects.gateway() + "/ws/chat/" + conversationId + "/?token=" + token + since);
        return http.newWebSocketBuilder()
                .connectTimeout(Duration.ofSeconds(5))
                .buildAsync(uri, frames)
                .whenComplete((ws, failure) -> {
                    if (failure != null) {
                        synchronized (this) {
                            lost();
                        }
                    }
                });
    }

    private void transmit(String clientMsgId, String content) {
        if (socket == null || connecting) {
            return; // sent again once connected
        }
        write("{\"type\":\"chat_message\",\"content\":" + EventJson.mapper().writeValueAsString(content)
                + ",\"client_msg_id\":\"" + clientMsgId + "\"}");
    }

    private void write(String frame) {
        frames.write(socket, frame);
    }

    @Override
    public void frame(WebSocket webSocket, JsonNode frame) {
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
                    reconnects.served();
                    socket = webSocket;
                    // Whatever waited for its echo goes again now, with the same ids.
                    outgoing.resendAll(this::transmit);
                }
            }
            case "chat_message" -> receive(frame.path("message"), true);
            case "error" -> outgoing.refused(frame.path("client_msg_id").asString(""));
            default -> {
                // typing, presence, read marks, statuses: not what this client checks
            }
        }
    }

    private void receive(JsonNode message, boolean checkOrder) {
        if (received.add(message, checkOrder)
                && userId.equals(message.path("sender").path("user_id").asString(""))) {
            outgoing.echoed(message.path("client_msg_id").asString(""));
        }
    }

    /** The socket is gone: the next tick reconnects, to the next gateway, after a pause that grows with failures. */
    private void lost() {
        socket = null;
        connecting = false;
        reconnects.lost();
    }

    @Override
    public void gone(WebSocket webSocket) {
        if (socket == webSocket || connecting) {
            lost();
        }
    }

    /** The figures of this socket; {@code lastSequence} is the conversation's last message as stored. */
    public synchronized SocketFigures figures(long lastSequence) {
        return SocketFigures.of(outgoing, received.missing(lastSequence), received, resumesCut, reconnects.count());
    }

    /** The ids of the messages this client sent that were never echoed. */
    public synchronized Set<String> unacked() {
        return outgoing.unacked();
    }

    public synchronized long highestSequence() {
        return received.highestSequence();
    }

    public synchronized boolean isConnected() {
        return socket != null && !connecting;
    }
}
