package net.fiko.bench.load;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.TreeMap;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * S1: many authenticated sockets that stay idle. They are opened as fast as the server takes them, with at most
 * {@code concurrency} handshakes under way at once, so the open rate is the server's handshake rate (the JWT
 * verified on each); then they are held, and whatever the server sends is read and dropped.
 */
public final class IdleConnections implements AutoCloseable {

    /** One selector thread handles many sockets; a few spread the reading across cores. */
    private static final int CLIENTS = 4;

    private final List<HttpClient> clients = new ArrayList<>();
    private final Queue<WebSocket> open = new ConcurrentLinkedQueue<>();
    private final AtomicLong lists = new AtomicLong();
    private final Map<Integer, AtomicLong> closeCodes = new ConcurrentSkipListMap<>();

    public IdleConnections() {
        for (int i = 0; i < CLIENTS; i++) {
            clients.add(HttpClient.newBuilder()
                    .connectTimeout(Duration.ofSeconds(30))
                    .build());
        }
    }

    /**
     * Opens a socket to each address (each with its own token, made before the clock starts) and returns when every
     * handshake has succeeded or failed.
     */
    public Opened open(List<URI> addresses, int concurrency) throws InterruptedException {
        Semaphore inFlight = new Semaphore(concurrency);
        Recorder handshakes = new Recorder(3);
        AtomicLong failed = new AtomicLong();
        Queue<String> failures = new ConcurrentLinkedQueue<>();
        long start = System.nanoTime();
        for (int i = 0; i < addresses.size(); i++) {
            inFlight.acquire();
            long begun = System.nanoTime();
            clients.get(i % CLIENTS)
                    .newWebSocketBuilder()
                    .connectTimeout(Duration.ofSeconds(30))
                    .buildAsync(addresses.get(i), new Discard())
                    .whenComplete((socket, error) -> {
                        if (error == null) {
                            handshakes.recordValue((System.nanoTime() - begun) / 1000);
                            open.add(socket);
                        } else {
                            failed.incrementAndGet();
                            if (failures.size() < 5) {
                                failures.add(String.valueOf(error.getCause() == null ? error : error.getCause()));
                            }
                        }
                        inFlight.release();
                    });
        }
        if (!inFlight.tryAcquire(concurrency, 2, TimeUnit.MINUTES)) {
            throw new IllegalStateException("Handshakes still under way after two minutes");
        }
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        return new Opened(
                addresses.size(),
                addresses.size() - failed.get(),
                failed.get(),
                took,
                handshakes.getIntervalHistogram(),
                List.copyOf(failures));
    }

    /** How many sockets are open now, by this side's account. */
    public long stillOpen() {
        return open.stream().filter(socket -> !socket.isInputClosed()).count();
    }

    /** Sockets whose first frame was their {@code conversations_list}: open, and served. */
    public long listsReceived() {
        return lists.get();
    }

    /** Sockets the server closed while they were held, by close code. */
    public Map<Integer, Long> closeCodes() {
        Map<Integer, Long> codes = new TreeMap<>();
        closeCodes.forEach((code, count) -> codes.put(code, count.get()));
        return codes;
    }

    @Override
    public void close() {
        for (WebSocket socket : open) {
            socket.abort();
        }
        open.clear();
    }

    /**
     * The outcome of opening: {@code handshakeMicros} from starting a connection to its 101 answer.
     */
    public record Opened(
            int attempted, long opened, long failed, Duration took, Histogram handshakeMicros, List<String> failures) {

        /** Two batches opened one after the other, as one. */
        public Opened and(Opened next) {
            Histogram both = handshakeMicros.copy();
            both.add(next.handshakeMicros);
            List<String> reasons = new ArrayList<>(failures);
            reasons.addAll(next.failures);
            return new Opened(
                    attempted + next.attempted,
                    opened + next.opened,
                    failed + next.failed,
                    took.plus(next.took),
                    both,
                    List.copyOf(reasons));
        }

        public double handshakesPerSecond() {
            return opened / (took.toNanos() / 1e9);
        }

        public double failedShare() {
            return attempted == 0 ? 0 : (double) failed / attempted;
        }
    }

    /** Reads and drops what the server sends, noting whether the first frame was the conversation list. */
    private final class Discard implements WebSocket.Listener {

        private boolean first = true;

        @Override
        public void onOpen(WebSocket webSocket) {
            webSocket.request(Long.MAX_VALUE);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            if (first) {
                first = false;
                if (data.toString().startsWith("{\"type\":\"conversations_list\"")) {
                    lists.incrementAndGet();
                }
            }
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closeCodes.computeIfAbsent(statusCode, code -> new AtomicLong()).incrementAndGet();
            return null;
        }
    }
}
