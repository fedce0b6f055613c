package net.fiko.connector.telegram.channel;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import net.fiko.connector.kit.channel.RegistrationEndpoints;
import net.fiko.connector.telegram.client.BotApiClient;
import net.fiko.connector.telegram.system.TelegramProperties;
import net.fiko.support.secrets.SecretCipher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Service;

/**
 * Tenants' bots: registered after Telegram confirms the token ({@code getMe}) and accepts the webhook
 * ({@code setWebhook} with an opaque per-channel URL and a random secret), removed with {@code deleteWebhook}. In
 * polling mode registration removes any webhook instead, since Telegram serves {@code getUpdates} only without one.
 */
@Service
public class Channels implements RegistrationEndpoints.Registry<Channel> {

    /** How long a channel found by a webhook is kept for the next ones. */
    static final Duration KNOWN_FOR = Duration.ofSeconds(30);

    public static final List<String> ALLOWED_UPDATES = List.of("message", "edited_message");
    private static final RowMapper<Channel> CHANNEL = (row, n) -> new Channel(
            row.getString("id"),
            row.getString("tenant_id"),
            row.getLong("bot_id"),
            row.getString("bot_username"),
            row.getString("status"),
            row.getTimestamp("created_at").toInstant());

    private final JdbcTemplate jdbc;
    private final BotApiClient telegram;
    private final SecretCipher cipher;
    private final TelegramProperties properties;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Cache<String, Known> knownChannels = Caffeine.newBuilder()
            .expireAfterWrite(KNOWN_FOR)
            .maximumSize(100_000)
            .build();

    Channels(
            JdbcTemplate jdbc, BotApiClient telegram, SecretCipher cipher, TelegramProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.telegram = telegram;
        this.cipher = cipher;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * Registers a tenant's bot.
     *
     * @throws net.fiko.connector.telegram.client.BotApiException when Telegram refuses the token or the webhook
     * @throws DuplicateKeyException when the tenant registered this bot already
     */
    public Channel register(String tenantId, String token) {
        BotApiClient.BotUser bot = telegram.getMe(token);
        String id = UUID.randomUUID().toString();
        String secret = secret();
        var channel = new Channel(id, tenantId, bot.id(), bot.username(), "connected", clock.instant());
        jdbc.update(
                "INSERT INTO channels (id, tenant_id, bot_id, bot_username, token_cipher, webhook_secret, created_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?)",
                id,
                tenantId,
                bot.id(),
                bot.username(),
                cipher.encrypt(token),
                secret,
                Timestamp.from(channel.createdAt()));
        try {
            if (properties.updates() == TelegramProperties.Updates.POLLING) {
                telegram.deleteWebhook(token);
            } else {
                telegram.setWebhook(token, webhookUrl(id), secret, ALLOWED_UPDATES);
            }
        } catch (RuntimeException e) {
            jdbc.update("DELETE FROM channels WHERE id = ?", id);
            throw e;
        }
        return channel;
    }

    @Override
    public List<Channel> of(String tenantId) {
        return jdbc.query("SELECT * FROM channels WHERE tenant_id = ? ORDER BY created_at", CHANNEL, tenantId);
    }

    /** Every channel whose bot Telegram still accepts. */
    public List<Channel> connected() {
        return jdbc.query("SELECT * FROM channels WHERE status = 'connected' ORDER BY created_at", CHANNEL);
    }

    /** Removes the tenant's channel; false when there is none (or it is another tenant's). */
    @Override
    public boolean remove(String tenantId, String channelId) {
        Optional<byte[]> token = jdbc
                .query(
                        "SELECT token_cipher FROM channels WHERE id = ? AND tenant_id = ?",
                        (row, n) -> row.getBytes(1),
                        channelId,
                        tenantId)
                .stream()
                .findFirst();
        if (token.isEmpty()) {
            return false;
        }
        telegram.deleteWebhook(cipher.decrypt(token.get()));
        jdbc.update("DELETE FROM channels WHERE id = ?", channelId);
        knownChannels.invalidate(channelId);
        return true;
    }

    /**
     * The channel a webhook call is for, if the secret it carries is that channel's (compared in constant time). A
     * channel found is kept for {@link #KNOWN_FOR}, so a webhook costs no database round trip; one this instance
     * removes or marks disconnected is forgotten at once, and one removed by another instance is forgotten within that
     * time (its webhook is deleted at Telegram first). Ids that name no channel are not kept: the callers choose them.
     */
    public Optional<Channel> authenticate(String channelId, String secret) {
        if (secret == null) {
            return Optional.empty();
        }
        Known known = knownChannels.getIfPresent(channelId);
        if (known == null) {
            known = jdbc
                    .query(
                            "SELECT * FROM channels WHERE id = ?",
                            (row, n) -> new Known(CHANNEL.mapRow(row, n), row.getString("webhook_secret")),
                            channelId)
                    .stream()
                    .findFirst()
                    .orElse(null);
            if (known == null) {
                return Optional.empty();
            }
            knownChannels.put(channelId, known);
        }
        return MessageDigest.isEqual(known.webhookSecret().getBytes(), secret.getBytes())
                ? Optional.of(known.channel())
                : Optional.empty();
    }

    /** The bot token of a connected channel, for calls to the Bot API; empty if there is none. */
    public Optional<String> token(String channelId) {
        return jdbc
                .query(
                        "SELECT token_cipher FROM channels WHERE id = ? AND status = 'connected'",
                        (row, n) -> row.getBytes(1),
                        channelId)
                .stream()
                .findFirst()
                .map(cipher::decrypt);
    }

    /** Telegram no longer accepts the channel's token: it stays, marked, until the tenant reconnects the bot. */
    public void disconnected(String channelId) {
        jdbc.update("UPDATE channels SET status = 'disconnected' WHERE id = ?", channelId);
        knownChannels.invalidate(channelId);
    }

    String webhookUrl(String channelId) {
        String base = properties.publicBaseUrl();
        return (base.endsWith("/") ? base : base + "/") + "webhooks/telegram/" + channelId;
    }

    private String secret() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** A channel and its webhook's secret. */
    private record Known(Channel channel, String webhookSecret) {}
}
