package net.fiko.local;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import net.fiko.dev.DevTokens;
import net.fiko.local.console.DemoAccounts;
import net.fiko.local.console.DemoCustomer;

/**
 * Connects the demo tenant's Telegram bot and Instagram account to the connectors, as a business does through the
 * connectors' API, when the connectors talk to the local mode's platform stand-ins. Once is enough: the connectors
 * keep them, and a later start is answered "Already registered".
 */
final class DemoPlatforms {

    private final HttpClient http = HttpClient.newHttpClient();
    private final String ownerToken;

    DemoPlatforms(String jwtSecret) {
        this.ownerToken =
                DevTokens.access(jwtSecret, "owner", DemoCustomer.TENANT, "Demo Owner", Duration.ofMinutes(5));
    }

    void telegram(int connectorPort) {
        register(
                connectorPort,
                "/api/telegram/channels",
                "{\"token\":\"" + DemoAccounts.TELEGRAM_TOKEN + "\"}",
                "Telegram bot");
    }

    void instagram(int connectorPort) {
        String accountId = DemoAccounts.instagramAccount(DemoAccounts.INSTAGRAM_TOKEN);
        register(
                connectorPort,
                "/api/instagram/accounts",
                "{\"account_id\":\"" + accountId + "\",\"access_token\":\"" + DemoAccounts.INSTAGRAM_TOKEN
                        + "\",\"app_secret\":\""
                        + DemoAccounts.INSTAGRAM_APP_SECRET
                        + "\",\"verify_token\":\"fiko-local-demo-verify\","
                        + "\"human_agent_tag\":false}",
                "Instagram account");
    }

    private void register(int port, String path, String body, String what) {
        try {
            HttpResponse<String> answer = http.send(
                    HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                            .header("Authorization", "Bearer " + ownerToken)
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(body))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 201 && answer.statusCode() != 409) {
                System.err.println(
                        "  The demo " + what + " was not connected: " + answer.statusCode() + " " + answer.body());
            }
        } catch (java.io.IOException e) {
            System.err.println("  The demo " + what + " was not connected: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
