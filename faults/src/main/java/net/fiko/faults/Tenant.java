package net.fiko.faults;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import net.fiko.dev.DevTokens;
import net.fiko.events.EventJson;

/** The one tenant every scenario runs as: its agents' tokens, and its Telegram bot, registered as an owner would. */
final class Tenant {

    private Tenant() {}

    static String token(String userId) {
        return DevTokens.access(Stack.SECRET, userId, Stack.TENANT, "Agent " + userId, Duration.ofHours(6));
    }

    /** Registers a bot for the tenant; returns its webhook URL and the secret Telegram would send with it. */
    static Webhook registerBot(Stack stack) throws Exception {
        int port = stack.telegram().port();
        HttpResponse<String> created = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/telegram/channels"))
                                .header("Authorization", "Bearer " + token("owner"))
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(
                                        "{\"token\":\"4242:AAHfaultsfaultsfaultsfaults\"}"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        if (created.statusCode() != 201) {
            throw new IllegalStateException("Registering the bot: " + created.statusCode() + " " + created.body());
        }
        String channel = EventJson.mapper().readTree(created.body()).path("id").asString();
        return new Webhook(
                channel,
                URI.create("http://localhost:" + port + "/webhooks/telegram/" + channel),
                stack.telegramApi().webhookSecret());
    }

    record Webhook(String channel, URI url, String secret) {}
}
