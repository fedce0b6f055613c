package net.fiko.dev;

import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.Keys;
import io.jsonwebtoken.security.MacAlgorithm;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;

/**
 * Signs access tokens the way Fiko's identity service does (HS512, or HS384/HS256 for a shorter secret;
 * {@code user_id}, {@code tenant_id},
 * {@code token_type: access}), for tests and the local mode. Production tokens come from the identity service.
 */
public final class DevTokens {

    private DevTokens() {}

    public static String access(String secret, String userId, String tenantId, String username, Duration ttl) {
        return sign(
                secret,
                Map.of(
                        "user_id", userId,
                        "tenant_id", tenantId,
                        "username", username,
                        "token_type", "access"),
                ttl);
    }

    public static String sign(String secret, Map<String, ?> claims, Duration ttl) {
        Instant now = Instant.now();
        byte[] key = secret.getBytes(StandardCharsets.UTF_8);
        return Jwts.builder()
                .claims(claims)
                .issuedAt(Date.from(now))
                .expiration(Date.from(now.plus(ttl)))
                .signWith(Keys.hmacShaKeyFor(key), strongest(key))
                .compact();
    }

    /** HS512 when the secret is long enough for it (64 bytes), else HS384 (48) or HS256 (32), as the gateway accepts. */
    private static MacAlgorithm strongest(byte[] key) {
        if (key.length >= 64) {
            return Jwts.SIG.HS512;
        }
        return key.length >= 48 ? Jwts.SIG.HS384 : Jwts.SIG.HS256;
    }
}
