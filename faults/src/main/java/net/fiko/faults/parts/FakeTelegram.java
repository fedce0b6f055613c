package net.fiko.faults.parts;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import net.fiko.events.EventJson;
import tools.jackson.databind.JsonNode;

/**
 * The Telegram Bot API as the connector sees it, answered locally: {@code getMe}, {@code setWebhook} (whose secret
 * it keeps), {@code sendMessage} (each text it accepted counted, as the customer would have seen it), and everything
 * else {@code ok}. For a while it can answer like an outage: 500 and 429 with {@code retry_after}, alternately.
 */
public final class FakeTelegram implements AutoCloseable {

    private final HttpServer server;
    private final int port;
    private final CompletableFuture<String> secret = new CompletableFuture<>();
    private final Map<String, AtomicInteger> accepted = new ConcurrentHashMap<>();
    private final AtomicLong messageIds = new AtomicLong(1);
    private final AtomicLong refused = new AtomicLong();
    private volatile long failingUntil;

    private FakeTelegram(HttpServer server, int port) {
        this.server = server;
        this.port = port;
    }

    public static FakeTelegram start(int port) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("localhost", port), 200);
        FakeTelegram api = new FakeTelegram(server, port);
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.createContext("/", api::answer);
        server.start();
        return api;
    }

    public String baseUrl() {
        return "http://localhost:" + port;
    }

    /** The secret the connector registered with {@code setWebhook}. */
    public String webhookSecret() throws Exception {
        return secret.get(60, TimeUnit.SECONDS);
    }

    /** Answers every {@code sendMessage} with 500 or 429 ({@code retry_after: 1}) for the given time. */
    public void failFor(Duration outage) {
        failingUntil = System.nanoTime() + outage.toNanos();
    }

    /** Each text {@code sendMessage} accepted, with how many times. */
    public Map<String, Integer> acceptedTexts() {
        Map<String, Integer> copy = new java.util.HashMap<>();
        accepted.forEach((text, count) -> copy.put(text, count.get()));
        return copy;
    }

    /** How many {@code sendMessage} calls were answered with 500 or 429. */
    public long refusedSends() {
        return refused.get();
    }

    private void answer(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            byte[] body = exchange.getRequestBody().readAllBytes();
            int status = 200;
            String answer = "{\"ok\":true,\"result\":true}";
            if (path.endsWith("/getMe")) {
                answer = "{\"ok\":true,\"result\":{\"id\":4242,\"is_bot\":true,\"first_name\":\"Faults\","
                        + "\"username\":\"faults_bot\"}}";
            } else if (path.endsWith("/setWebhook")) {
                secret.complete(json(body).path("secret_token").asString());
            } else if (path.endsWith("/sendMessage")) {
                JsonNode request = json(body);
                if (System.nanoTime() < failingUntil) {
                    long attempt = refused.incrementAndGet();
                    status = attempt % 2 == 0 ? 429 : 500;
                    answer = status == 429
                            ? "{\"ok\":false,\"error_code\":429,\"description\":\"Too Many Requests: retry after 1\","
                                    + "\"parameters\":{\"retry_after\":1}}"
                            : "{\"ok\":false,\"error_code\":500,\"description\":\"Internal Server Error\"}";
                } else {
                    String text = request.path("text").asString();
                    accepted.computeIfAbsent(text, t -> new AtomicInteger()).incrementAndGet();
                    answer = "{\"ok\":true,\"result\":{\"message_id\":" + messageIds.getAndIncrement()
                            + ",\"date\":" + (System.currentTimeMillis() / 1000) + ",\"chat\":{\"id\":"
                            + request.path("chat_id").asLong() + ",\"type\":\"private\"},\"text\":"
                            + EventJson.mapper().writeValueAsString(text) + "}}";
                }
            }
            byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
        }
    }

    private static JsonNode json(byte[] body) {
        return EventJson.mapper().readTree(body);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
