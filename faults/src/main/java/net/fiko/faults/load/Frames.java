package net.fiko.faults.load;

import java.net.http.WebSocket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import net.fiko.events.EventJson;
import tools.jackson.databind.JsonNode;

/**
 * The JDK WebSocket's text frames, both ways: what arrives is put together into whole JSON frames for a
 * {@link Handler}; what leaves goes one frame after another, since the JDK's WebSocket takes one send at a time.
 */
final class Frames implements WebSocket.Listener {

    /** What a client does with its sockets' frames; called under the handler's own lock. */
    interface Handler {
        void frame(WebSocket socket, JsonNode frame);

        /** The socket closed or failed. */
        void gone(WebSocket socket);
    }

    private final Handler handler;
    private final StringBuilder partial = new StringBuilder();
    private CompletableFuture<?> writes = CompletableFuture.completedFuture(null);

    Frames(Handler handler) {
        this.handler = handler;
    }

    /** Sends a frame after the ones before it; a failed send is the socket's loss, which its listener sees. */
    synchronized void write(WebSocket socket, String frame) {
        writes = writes.handle((done, failure) -> null)
                .thenCompose(done -> socket.sendText(frame, true))
                .exceptionally(failure -> null);
    }

    @Override
    public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            JsonNode frame = EventJson.mapper().readTree(partial.toString());
            partial.setLength(0);
            synchronized (handler) {
                handler.frame(socket, frame);
            }
        }
        socket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket socket, int statusCode, String reason) {
        synchronized (handler) {
            handler.gone(socket);
        }
        return null;
    }

    @Override
    public void onError(WebSocket socket, Throwable error) {
        synchronized (handler) {
            handler.gone(socket);
        }
    }
}
