package net.fiko.local.console;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import net.fiko.connector.instagram.inbound.WebhookSignature;
import net.fiko.events.EventJson;
import org.springframework.stereotype.Component;
import tools.jackson.databind.node.ObjectNode;

/**
 * A simulated customer's message, sent to a connector the way its platform sends it: a Telegram update to the bot's
 * registered webhook with its secret header, or an Instagram webhook signed with the app secret.
 */
@Component
class CustomerWrites {

    /** The connector did not take the message: its HTTP status and what it said. */
    static final class NotTaken extends RuntimeException {
        final int status;

        NotTaken(int status, String message) {
            super(message);
            this.status = status;
        }
    }

    private final ConsoleSettings settings;
    private final TelegramWebhooks webhooks;
    private final CustomerChats chats;
    private final Clock clock;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    // Increasing across restarts of the local mode, as Telegram's update and message ids are: the connector drops an
    // update id it has seen.
    private final AtomicLong ids;

    CustomerWrites(ConsoleSettings settings, TelegramWebhooks webhooks, CustomerChats chats, Clock clock) {
        this.settings = settings;
        this.webhooks = webhooks;
        this.chats = chats;
        this.clock = clock;
        this.ids = new AtomicLong(clock.millis() / 10);
    }

    /** The customer's id on the platform: the same name is the same customer. */
    static String customerId(String platform, String name) {
        long hash = Math.floorMod(name.hashCode(), 1_000_000_000L);
        return "telegram".equals(platform) ? Long.toString(5_000_000_000L + hash) : "9" + (100_000_000_000_000L + hash);
    }

    /** Sends the customer's message; returns the customer's id. */
    String write(String platform, String name, String text) {
        String id = customerId(platform, name);
        CustomerChats.Chat chat = chats.chat(platform, id, name);
        Instant now = clock.instant();
        if ("telegram".equals(platform)) {
            telegram(id, name, text, now);
        } else {
            instagram(id, text, now);
        }
        chat.add("customer", text, now);
        chats.save();
        return id;
    }

    private void telegram(String chatId, String name, String text, Instant now) {
        var bot = webhooks.current();
        if (bot == null) {
            throw new NotTaken(409, "No bot has registered a webhook with the Telegram stand-in");
        }
        long id = ids.incrementAndGet();
        ObjectNode update = EventJson.mapper().createObjectNode().put("update_id", id);
        ObjectNode message = update.putObject("message")
                .put("message_id", id)
                .put("date", now.getEpochSecond())
                .put("text", text);
        message.putObject("from")
                .put("id", Long.parseLong(chatId))
                .put("is_bot", false)
                .put("first_name", name);
        message.putObject("chat")
                .put("id", Long.parseLong(chatId))
                .put("type", "private")
                .put("first_name", name);
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create(bot.getValue().url()));
        if (bot.getValue().secret() != null) {
            request.header("X-Telegram-Bot-Api-Secret-Token", bot.getValue().secret());
        }
        post(request, EventJson.toJson(update));
    }

    private void instagram(String igsid, String text, Instant now) {
        if (!settings.instagramStandIn()) {
            throw new NotTaken(409, "The Instagram connector talks to the real Graph API");
        }
        String account = DemoAccounts.instagramAccount(DemoAccounts.INSTAGRAM_TOKEN);
        ObjectNode payload = EventJson.mapper().createObjectNode().put("object", "instagram");
        ObjectNode entry =
                payload.putArray("entry").addObject().put("id", account).put("time", now.toEpochMilli());
        ObjectNode item = entry.putArray("messaging").addObject().put("timestamp", now.toEpochMilli());
        item.putObject("sender").put("id", igsid);
        item.putObject("recipient").put("id", account);
        item.putObject("message")
                .put("mid", "mid.customer." + ids.incrementAndGet())
                .put("text", text);
        String body = EventJson.toJson(payload);
        post(
                HttpRequest.newBuilder(URI.create(settings.instagramWebhookUrl()))
                        .header(
                                WebhookSignature.HEADER,
                                WebhookSignature.header(
                                        DemoAccounts.INSTAGRAM_APP_SECRET, body.getBytes(StandardCharsets.UTF_8))),
                body);
    }

    private void post(HttpRequest.Builder request, String body) {
        HttpResponse<String> answer;
        try {
            answer = http.send(
                    request.header("Content-Type", "application/json")
                            .timeout(Duration.ofSeconds(10))
                            .POST(HttpRequest.BodyPublishers.ofString(body))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            throw new NotTaken(502, "The connector could not be reached: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NotTaken(503, "Interrupted");
        }
        if (answer.statusCode() != 200) {
            throw new NotTaken(502, "The connector answered " + answer.statusCode() + " " + answer.body());
        }
    }
}
