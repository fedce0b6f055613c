package net.fiko.bench.load;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;

/**
 * Where the S4 benchmark posts Telegram updates, as Telegram would: the webhook URL and its secret header, over at most
 * {@link #TELEGRAM_CONNECTIONS} requests at once. Telegram keeps a bot's undelivered updates on its side and sends them
 * over at most {@code max_connections} simultaneous connections (40 unless the bot's {@code setWebhook} says
 * otherwise), so a slow webhook builds a queue at Telegram, not thousands of connections; the latency is still counted
 * from each update's scheduled time, so that queue is in it.
 */
public final class Webhooks {

    /** Telegram's default {@code max_connections} for a webhook. */
    public static final int TELEGRAM_CONNECTIONS = 40;

    private final HttpClient http =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final URI url;
    private final String secret;
    private final Semaphore connections = new Semaphore(TELEGRAM_CONNECTIONS);

    public Webhooks(URI url, String secret) {
        this.url = url;
        this.secret = secret;
    }

    /**
     * Posts one update without waiting for its answer, once one of the connections is free (waiting for it, as
     * Telegram's queue does); the future holds the HTTP status.
     */
    public CompletableFuture<Integer> post(String update) {
        connections.acquireUninterruptibly();
        HttpRequest.Builder request = HttpRequest.newBuilder(url)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(update));
        if (secret != null) {
            request.header("X-Telegram-Bot-Api-Secret-Token", secret);
        }
        return http.sendAsync(request.build(), HttpResponse.BodyHandlers.discarding())
                .whenComplete((response, error) -> connections.release())
                .thenApply(HttpResponse::statusCode);
    }
}
