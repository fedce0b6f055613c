package net.fiko.connector.telegram.system;

import jakarta.validation.constraints.NotBlank;
import java.time.Duration;
import net.fiko.connector.kit.platform.ApiTimeouts;
import net.fiko.connector.telegram.client.BotApiClient;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the Telegram connector ({@code fiko.telegram.*}).
 *
 * @param apiBaseUrl the Bot API: the real one, a self-hosted Bot API server, or a test server
 * @param publicBaseUrl how Telegram reaches this connector: webhooks are registered under it
 * @param tokenKey base64 AES key (16, 24 or 32 bytes) bot tokens are encrypted with at rest
 * @param timeouts how long the Bot API may take to connect and to answer
 * @param updates how updates arrive: Telegram calls our webhook, or we long-poll {@code getUpdates} (development
 *     without a public URL; one connector instance only, since Telegram serves one poller per bot)
 * @param pollTimeout how long one {@code getUpdates} call waits for updates
 * @param dedupeRetention how long received update ids are kept for deduplication: longer than Telegram keeps
 *     undelivered updates (24 h)
 */
@Validated
@ConfigurationProperties("fiko.telegram")
public record TelegramProperties(
        @NotBlank String apiBaseUrl,
        @NotBlank String publicBaseUrl,
        @NotBlank String tokenKey,
        ApiTimeouts timeouts,
        Updates updates,
        Duration pollTimeout,
        Duration dedupeRetention) {

    public TelegramProperties {
        timeouts = timeouts == null ? ApiTimeouts.DEFAULT : timeouts;
        updates = updates == null ? Updates.WEBHOOK : updates;
        pollTimeout = pollTimeout == null ? Duration.ofSeconds(25) : pollTimeout;
        dedupeRetention = dedupeRetention == null ? Duration.ofDays(14) : dedupeRetention;
        if (pollTimeout.isNegative() || pollTimeout.compareTo(BotApiClient.MAX_LONG_POLL) > 0) {
            throw new IllegalArgumentException(
                    "fiko.telegram.poll-timeout must be between 0 and " + BotApiClient.MAX_LONG_POLL);
        }
    }

    /** How a bot's updates reach the connector. */
    public enum Updates {
        WEBHOOK,
        POLLING
    }
}
