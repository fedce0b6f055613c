package net.fiko.testsupport;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import net.fiko.events.EventJson;
import tools.jackson.databind.JsonNode;

/**
 * A real WebSocket client (the JDK's) for tests: it keeps every frame it receives and the close code, and waits for
 * what a test expects instead of sleeping.
 */
public final class TestSocket implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final BlockingQueue<JsonNode> frames = new LinkedBlockingQueue<>();
    private final List<JsonNode> seen = new ArrayList<>();
    private final List<String> violations = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final CompletableFuture<Integer> closeCode = new CompletableFuture<>();
    private final WebSocket socket;
    private volatile boolean reading = true;
    private final java.util.concurrent.atomic.AtomicInteger pings = new java.util.concurrent.atomic.AtomicInteger();

    private TestSocket(URI uri, String origin) {
        WebSocket.Builder builder = HTTP.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10));
        if (origin != null) {
            builder.header("Origin", origin);
        }
        this.socket = builder.buildAsync(uri, new Listener()).join();
    }

    public static TestSocket connect(String url) {
        return new TestSocket(URI.create(url), null);
    }

    public static TestSocket connect(String url, String origin) {
        return new TestSocket(URI.create(url), origin);
    }

    /** A client that cannot keep up: after the first frame it reads nothing more, so the server's sends back up. */
    public static TestSocket connectNotReading(String url) {
        TestSocket socket = new TestSocket(URI.create(url), null);
        socket.reading = false;
        return socket;
    }

    public TestSocket send(String text) {
        socket.sendText(text, true).join();
        return this;
    }

    /** The next frame, waiting up to 10 s. */
    public JsonNode next() {
        conforms();
        try {
            JsonNode frame = frames.poll(10, TimeUnit.SECONDS);
            if (frame == null) {
                throw new AssertionError("No frame within 10 s; seen so far: " + seen);
            }
            return frame;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** The next frame of the given type, skipping others, waiting up to 10 s in all. */
    /** The platform's answer to an agent's next message: on its chat_message, or on a later message_status. */
    public JsonNode nextDeliveryResult() {
        JsonNode result = next(frame -> frame.has("external_send_result")).path("external_send_result");
        return result.path("status").asString().equals("pending")
                ? next("message_status").path("external_send_result")
                : result;
    }

    public JsonNode next(String type) {
        return next(frame -> type.equals(frame.path("type").asString()));
    }

    public JsonNode next(Predicate<JsonNode> wanted) {
        conforms();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            try {
                JsonNode frame = frames.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                if (frame != null && wanted.test(frame)) {
                    return frame;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("No matching frame within 10 s; seen: " + seen);
    }

    /** Takes every frame received and not yet taken, without waiting. */
    public List<JsonNode> take() {
        conforms();
        List<JsonNode> taken = new ArrayList<>();
        frames.drainTo(taken);
        return taken;
    }

    /** Frames received and not yet taken by {@link #next}. */
    public List<JsonNode> pending() {
        return List.copyOf(frames);
    }

    /** The close code the server sent, waiting up to 10 s. */
    public int closeCode() {
        return closeCode.orTimeout(10, TimeUnit.SECONDS).join();
    }

    /** How many pings the server has sent (the client's WebSocket answers each with a pong by itself). */
    public int pings() {
        return pings.get();
    }

    public boolean isClosed() {
        return closeCode.isDone();
    }

    /** Fails the test if a frame received so far is not as docs/asyncapi.yaml describes the frames of its type. */
    public void conforms() {
        if (!violations.isEmpty()) {
            throw new AssertionError(String.join("\n", violations));
        }
    }

    @Override
    public void close() {
        conforms();
        if (!socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye")
                    .orTimeout(5, TimeUnit.SECONDS)
                    .exceptionally(e -> null);
        }
        socket.abort();
    }

    private final class Listener implements WebSocket.Listener {

        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                JsonNode frame = EventJson.mapper().readTree(partial.toString());
                partial.setLength(0);
                synchronized (seen) {
                    seen.add(frame);
                }
                frames.add(frame);
                try {
                    List<String> wrong = WebSocketSchemas.violations(frame);
                    if (!wrong.isEmpty()) {
                        violations.add(frame + " breaks docs/asyncapi.yaml: " + wrong);
                    }
                } catch (RuntimeException e) {
                    violations.add("docs/asyncapi.yaml could not be checked against " + frame + ": " + e);
                }
            }
            if (reading) {
                webSocket.request(1);
            }
            return null;
        }

        @Override
        public CompletionStage<?> onPing(WebSocket webSocket, java.nio.ByteBuffer message) {
            pings.incrementAndGet();
            return WebSocket.Listener.super.onPing(webSocket, message);
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closeCode.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closeCode.complete(1006);
        }
    }
}
