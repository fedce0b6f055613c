package net.fiko.bench.load;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * One agent's chat socket, as the load generator holds it: every text frame goes to the sink with the moment it was
 * whole; sends are chained, so one socket never has two frames in flight.
 */
public final class AgentSocket implements WebSocket.Listener {

    /** Receives every whole frame of every socket. */
    public interface FrameSink {
        void frame(int receiver, String text, long receivedNanos);
    }

    private final int index;
    private final FrameSink sink;
    private final CompletableFuture<Void> ready = new CompletableFuture<>();
    private final StringBuilder partial = new StringBuilder();
    private WebSocket socket;
    private CompletableFuture<WebSocket> lastSend;
    private volatile int closeCode = -1;

    private AgentSocket(int index, FrameSink sink) {
        this.index = index;
        this.sink = sink;
    }

    /** Connects and waits until the server has sent its first frame (the chat's {@code recent_messages}). */
    public static AgentSocket connect(HttpClient client, URI uri, int index, FrameSink sink, Duration timeout)
            throws Exception {
        AgentSocket agent = new AgentSocket(index, sink);
        agent.socket = client.newWebSocketBuilder()
                .connectTimeout(timeout)
                .buildAsync(uri, agent)
                .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        agent.lastSend = CompletableFuture.completedFuture(agent.socket);
        agent.ready.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        return agent;
    }

    /** Waits until the server accepts a chat socket at {@code uri} (a new conversation takes a moment to exist). */
    public static void awaitAccepted(URI uri, Duration timeout) throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + timeout.toNanos();
        Exception last = null;
        while (System.nanoTime() < deadline) {
            try {
                AgentSocket probe = connect(client, uri, -1, (r, t, n) -> {}, Duration.ofSeconds(5));
                probe.close();
                return;
            } catch (Exception e) {
                last = e;
                LockSupport.parkNanos(Duration.ofMillis(250).toNanos());
            }
        }
        throw new IllegalStateException("No chat socket accepted at " + uri.getPath(), last);
    }

    /** Sends a text frame after the ones before it. */
    public void send(String text) {
        synchronized (this) {
            lastSend = lastSend.thenCompose(ws -> ws.sendText(text, true));
        }
    }

    public void close() {
        synchronized (this) {
            lastSend.thenCompose(ws -> ws.sendClose(WebSocket.NORMAL_CLOSURE, "done"))
                    .exceptionally(e -> null);
        }
    }

    /** Cuts the connection without a close handshake, as a lost network does. */
    public void drop() {
        socket.abort();
    }

    /** The close code the server sent, or -1 while none came. */
    public int closeCode() {
        return closeCode;
    }

    public boolean isOpen() {
        return closeCode < 0 && !socket.isInputClosed();
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            String text = partial.toString();
            partial.setLength(0);
            if (!ready.isDone()) {
                ready.complete(null);
            }
            sink.frame(index, text, System.nanoTime());
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closeCode = statusCode;
        ready.completeExceptionally(new IllegalStateException("Closed " + statusCode + " " + reason));
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        ready.completeExceptionally(error);
    }
}
