package net.fiko.faults.load;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Telegram customers writing to the bot: each message is one update posted to the connector's webhook with its
 * secret, and posted again, the same update, until the webhook answers 200, as Telegram does.
 */
public final class Customers {

    private final HttpClient http;
    private final URI webhook;
    private final String secret;
    private final ScheduledExecutorService retries;
    private final AtomicLong updateIds = new AtomicLong(1);
    private final Map<String, Integer> unanswered = new ConcurrentHashMap<>();
    private final Set<String> accepted = ConcurrentHashMap.newKeySet();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong reposted = new AtomicLong();
    private final AtomicLong recovered = new AtomicLong();

    public Customers(HttpClient http, URI webhook, String secret, ScheduledExecutorService retries) {
        this.http = http;
        this.webhook = webhook;
        this.secret = secret;
        this.retries = retries;
    }

    /** The customer's Telegram user and chat id. */
    public static long chatId(int customer) {
        return 500_000_000L + customer;
    }

    /** Customer {@code customer} writes {@code text} (unique across the run). */
    public void write(int customer, String text) {
        sent.incrementAndGet();
        long updateId = updateIds.getAndIncrement();
        long chat = chatId(customer);
        String update = "{\"update_id\":" + updateId + ",\"message\":{\"message_id\":" + updateId + ",\"date\":"
                + (System.currentTimeMillis() / 1000) + ",\"text\":\"" + text + "\",\"from\":{\"id\":" + chat
                + ",\"is_bot\":false,\"first_name\":\"Customer\",\"last_name\":\"" + customer
                + "\"},\"chat\":{\"id\":" + chat + ",\"type\":\"private\"}}}";
        unanswered.put(text, 0);
        post(text, update);
    }

    private void post(String text, String update) {
        HttpRequest request = HttpRequest.newBuilder(webhook)
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header("X-Telegram-Bot-Api-Secret-Token", secret)
                .POST(HttpRequest.BodyPublishers.ofString(update))
                .build();
        http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, failure) -> {
            if (failure == null && response.statusCode() == 200) {
                Integer attempts = unanswered.remove(text);
                accepted.add(text);
                if (attempts != null && attempts > 0) {
                    recovered.incrementAndGet();
                }
            } else {
                reposted.incrementAndGet();
                unanswered.computeIfPresent(text, (t, attempts) -> attempts + 1);
                retries.schedule(() -> post(text, update), 1, TimeUnit.SECONDS);
            }
        });
    }

    /** Texts the webhook accepted (answered 200). */
    public Set<String> accepted() {
        return Set.copyOf(accepted);
    }

    public long sent() {
        return sent.get();
    }

    public long unanswered() {
        return unanswered.size();
    }

    /** Updates that needed more than one post. */
    public long recovered() {
        return recovered.get();
    }

    public long reposted() {
        return reposted.get();
    }
}
