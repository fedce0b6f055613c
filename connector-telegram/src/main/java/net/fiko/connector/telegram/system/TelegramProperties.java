package net.fiko.connector.telegram.system;

import jakarta.validation.constraints.NotBlank;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the Telegram connector ({@code fiko.telegram.*}).
 *
 * @param apiBaseUrl the Bot API: the real one, a self-hosted Bot API server, or a test server
 * @param publicBaseUrl how Telegram reaches this connector: webhooks are registered under it
 * @param tokenKey base64 AES key (16, 24 or 32 bytes) bot tokens are encrypted with at rest
 */
@Validated
@ConfigurationProperties("fiko.telegram")
public record TelegramProperties(
        @NotBlank String apiBaseUrl,
        @NotBlank String publicBaseUrl,
        @NotBlank String tokenKey,
        Duration connectTimeout,
        Duration readTimeout) {

    public TelegramProperties {
        connectTimeout = connectTimeout == null ? Duration.ofSeconds(5) : connectTimeout;
        readTimeout = readTimeout == null ? Duration.ofSeconds(15) : readTimeout;
    }
}
