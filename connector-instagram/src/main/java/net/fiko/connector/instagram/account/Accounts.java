package net.fiko.connector.instagram.account;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import net.fiko.connector.instagram.client.GraphApiClient;
import net.fiko.connector.kit.channel.RegistrationEndpoints;
import net.fiko.support.secrets.SecretCipher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Service;

/**
 * Tenants' Instagram accounts: registered once the Graph API confirms the access token is the account's. Access
 * tokens and app secrets are stored encrypted and handed out only to the code that calls Meta or checks signatures.
 */
@Service
public class Accounts implements RegistrationEndpoints.Registry<Account> {

    /** How long Meta accepts a reply after the customer's last message. */
    public static final Duration STANDARD_WINDOW = Duration.ofHours(24);

    /** How long with the {@code HUMAN_AGENT} tag. */
    public static final Duration HUMAN_AGENT_WINDOW = Duration.ofDays(7);

    private static final RowMapper<Account> ACCOUNT = (row, n) -> new Account(
            row.getString("id"),
            row.getString("tenant_id"),
            row.getString("account_id"),
            row.getString("username"),
            row.getBoolean("human_agent_tag"),
            row.getString("status"),
            row.getTimestamp("created_at").toInstant());

    /** How long the app secrets are kept before they are read again. */
    static final Duration APP_SECRETS_TTL = Duration.ofSeconds(30);
    /** How soon after a read the app secrets may be read again on demand. */
    static final Duration APP_SECRETS_MIN_AGE = Duration.ofSeconds(1);

    private final JdbcTemplate jdbc;
    private volatile AppSecrets appSecrets = new AppSecrets(List.of(), Instant.EPOCH);
    private final GraphApiClient graph;
    private final SecretCipher cipher;
    private final Clock clock;

    Accounts(JdbcTemplate jdbc, GraphApiClient graph, SecretCipher cipher, Clock clock) {
        this.jdbc = jdbc;
        this.graph = graph;
        this.cipher = cipher;
        this.clock = clock;
    }

    /**
     * Registers a tenant's account.
     *
     * @throws net.fiko.connector.instagram.client.GraphApiException when Meta refuses the token
     * @throws WrongAccountException when the token is another account's
     * @throws org.springframework.dao.DuplicateKeyException when the account is registered already
     */
    public Account register(Registration registration) {
        GraphApiClient.AccountInfo me = graph.me(registration.accessToken());
        if (!me.userId().equals(registration.accountId())) {
            throw new WrongAccountException();
        }
        var account = new Account(
                UUID.randomUUID().toString(),
                registration.tenantId(),
                registration.accountId(),
                me.username(),
                registration.humanAgentTag(),
                "connected",
                clock.instant());
        jdbc.update(
                "INSERT INTO accounts (id, tenant_id, account_id, username, token_cipher, app_secret_cipher,"
                        + " verify_token, human_agent_tag, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                account.id(),
                account.tenantId(),
                account.accountId(),
                account.username(),
                cipher.encrypt(registration.accessToken()),
                cipher.encrypt(registration.appSecret()),
                registration.verifyToken(),
                account.humanAgentTag(),
                Timestamp.from(account.createdAt()));
        return account;
    }

    @Override
    public List<Account> of(String tenantId) {
        return jdbc.query("SELECT * FROM accounts WHERE tenant_id = ? ORDER BY created_at", ACCOUNT, tenantId);
    }

    /** The tenant's account, its HUMAN_AGENT setting changed; empty if there is no such account of the tenant. */
    public Optional<Account> useHumanAgentTag(String tenantId, String id, boolean humanAgentTag) {
        jdbc.update(
                "UPDATE accounts SET human_agent_tag = ? WHERE id = ? AND tenant_id = ?", humanAgentTag, id, tenantId);
        return jdbc.query("SELECT * FROM accounts WHERE id = ? AND tenant_id = ?", ACCOUNT, id, tenantId).stream()
                .findFirst();
    }

    /** Removes the tenant's account; false when there is none (or it is another tenant's). */
    @Override
    public boolean remove(String tenantId, String id) {
        return jdbc.update("DELETE FROM accounts WHERE id = ? AND tenant_id = ?", id, tenantId) == 1;
    }

    /** The account with Instagram's id {@code accountId} (a webhook entry's {@code id}). */
    public Optional<Account> byInstagramId(String accountId) {
        return jdbc.query("SELECT * FROM accounts WHERE account_id = ?", ACCOUNT, accountId).stream()
                .findFirst();
    }

    public Optional<Account> byId(String id) {
        return jdbc.query("SELECT * FROM accounts WHERE id = ?", ACCOUNT, id).stream()
                .findFirst();
    }

    /** True if {@code token} is the verify token of some account (compared in constant time). */
    public boolean isVerifyToken(String token) {
        byte[] offered = token.getBytes(StandardCharsets.UTF_8);
        boolean match = false;
        for (String known : jdbc.queryForList("SELECT verify_token FROM accounts", String.class)) {
            match |= MessageDigest.isEqual(known.getBytes(StandardCharsets.UTF_8), offered);
        }
        return match;
    }

    /**
     * The app secrets of every registered account, distinct: what a webhook's signature is checked against before
     * anything of its body is read. Kept for {@link #APP_SECRETS_TTL}; {@code fresh} reads them again (an account
     * registered on another instance a moment ago), at most once every {@link #APP_SECRETS_MIN_AGE}, so a flood of
     * badly signed calls costs the database nothing.
     */
    public List<String> appSecrets(boolean fresh) {
        AppSecrets current = appSecrets;
        Instant now = clock.instant();
        Duration age = Duration.between(current.loadedAt(), now);
        if (age.compareTo(APP_SECRETS_TTL) > 0 || (fresh && age.compareTo(APP_SECRETS_MIN_AGE) > 0)) {
            List<String> secrets = jdbc.queryForList("SELECT app_secret_cipher FROM accounts", byte[].class).stream()
                    .map(cipher::decrypt)
                    .distinct()
                    .toList();
            current = new AppSecrets(secrets, now);
            appSecrets = current;
        }
        return current.secrets();
    }

    /** The app secret webhooks for the account are signed with. */
    public String appSecret(String id) {
        return cipher.decrypt(
                jdbc.queryForObject("SELECT app_secret_cipher FROM accounts WHERE id = ?", byte[].class, id));
    }

    /** The access token of a connected account, for calls to the Graph API; empty if there is none. */
    public Optional<String> token(String id) {
        return jdbc
                .query(
                        "SELECT token_cipher FROM accounts WHERE id = ? AND status = 'connected'",
                        (row, n) -> row.getBytes(1),
                        id)
                .stream()
                .findFirst()
                .map(cipher::decrypt);
    }

    /** Meta no longer accepts the account's token: it stays, marked, until the tenant reconnects it. */
    public void needsReauthorization(String id) {
        jdbc.update("UPDATE accounts SET status = 'reauthorization_required' WHERE id = ?", id);
    }

    /** What registering an account takes. */
    public record Registration(
            String tenantId,
            String accountId,
            String accessToken,
            String appSecret,
            String verifyToken,
            boolean humanAgentTag) {}

    /** The access token belongs to another account than the one named. */
    public static class WrongAccountException extends RuntimeException {
        WrongAccountException() {
            super("The access token belongs to another Instagram account");
        }
    }

    private record AppSecrets(List<String> secrets, Instant loadedAt) {}
}
