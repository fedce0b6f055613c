package net.fiko.connector.instagram.system;

import jakarta.validation.constraints.NotBlank;
import java.time.Duration;
import net.fiko.connector.kit.platform.ApiTimeouts;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the Instagram connector ({@code fiko.instagram.*}).
 *
 * @param graphBaseUrl the Graph API: Meta's, or a test server
 * @param graphVersion the Graph API version in every path ({@code v23.0})
 * @param secretKey base64 AES key (16, 24 or 32 bytes) access tokens and app secrets are encrypted with at rest
 * @param verifyToken a verify token for Meta's subscription handshake besides the accounts' own (optional: the app's
 *     webhook may be set up before any account is registered)
 * @param timeouts how long the Graph API may take to connect and to answer
 * @param dedupeRetention how long received message ids and the ids of sent parts are kept: longer than Meta retries a
 *     webhook and than the outbound topic keeps commands (7 days)
 * @param publicBaseUrl how agents' apps reach this connector (a trailing slash is dropped): the URLs of customers'
 *     files, and the links Meta fetches agents' files from, are under it
 */
@Validated
@ConfigurationProperties("fiko.instagram")
public record InstagramProperties(
        @NotBlank String graphBaseUrl,
        @NotBlank String graphVersion,
        @NotBlank String secretKey,
        String verifyToken,
        ApiTimeouts timeouts,
        Duration dedupeRetention,
        String publicBaseUrl) {

    public InstagramProperties {
        timeouts = timeouts == null ? ApiTimeouts.DEFAULT : timeouts;
        dedupeRetention = dedupeRetention == null ? Duration.ofDays(14) : dedupeRetention;
        publicBaseUrl = publicBaseUrl == null || publicBaseUrl.isBlank() ? "http://localhost:8083" : publicBaseUrl;
        // Without a trailing slash: paths are put after it.
        publicBaseUrl =
                publicBaseUrl.endsWith("/") ? publicBaseUrl.substring(0, publicBaseUrl.length() - 1) : publicBaseUrl;
    }
}
