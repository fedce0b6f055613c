package net.fiko.bench.load;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;

/** Where the S4 benchmark posts Telegram updates, as Telegram would: the webhook URL and its secret header. */
public final class Webhooks {

    private final HttpClient http =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final URI url;
    private final String secret;

    public Webhooks(URI url, String secret) {
        this.url = url;
        this.secret = secret;
    }

    /** Posts one update without waiting; the future holds the HTTP status. */
    public CompletableFuture<Integer> post(String update) {
        HttpRequest.Builder request = HttpRequest.newBuilder(url)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(update));
        if (secret != null) {
            request.header("X-Telegram-Bot-Api-Secret-Token", secret);
        }
        return http.sendAsync(request.build(), HttpResponse.BodyHandlers.discarding())
                .thenApply(HttpResponse::statusCode);
    }
}
