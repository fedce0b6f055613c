package net.fiko.bench.sut;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import net.fiko.events.EventJson;

/**
 * Answers the Telegram Bot API calls a bot's registration makes ({@code getMe}, {@code setWebhook}) for the S4
 * benchmark, and keeps the webhook secret the connector chose. Everything else is answered {@code ok}.
 */
public final class FakeBotApi implements AutoCloseable {

    static final int PORT = 28200;

    private final HttpServer server;
    private final CompletableFuture<String> secret = new CompletableFuture<>();

    private FakeBotApi(HttpServer server) {
        this.server = server;
    }

    public static FakeBotApi start() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("localhost", PORT), 0);
        FakeBotApi api = new FakeBotApi(server);
        server.createContext("/", exchange -> {
            try (exchange) {
                String path = exchange.getRequestURI().getPath();
                byte[] body = exchange.getRequestBody().readAllBytes();
                String answer = "{\"ok\":true,\"result\":true}";
                if (path.endsWith("/getMe")) {
                    answer = "{\"ok\":true,\"result\":{\"id\":4242,\"is_bot\":true,\"username\":\"bench_bot\"}}";
                } else if (path.endsWith("/setWebhook")) {
                    api.secret.complete(EventJson.mapper()
                            .readTree(body)
                            .path("secret_token")
                            .asString());
                }
                byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, bytes.length);
                exchange.getResponseBody().write(bytes);
            }
        });
        server.start();
        return api;
    }

    static String baseUrl() {
        return "http://localhost:" + PORT;
    }

    /** The secret the connector registered with {@code setWebhook}. */
    String secret() throws Exception {
        return secret.get(30, java.util.concurrent.TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
