package net.fiko.support.auth;

import io.jsonwebtoken.Claims;
import io.jsonwebtoken.ExpiredJwtException;
import io.jsonwebtoken.Header;
import io.jsonwebtoken.JwtException;
import io.jsonwebtoken.JwtParser;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.ProtectedHeader;
import io.jsonwebtoken.UnsupportedJwtException;
import io.jsonwebtoken.security.Keys;
import io.jsonwebtoken.security.SecurityException;
import java.nio.charset.StandardCharsets;
import java.security.Key;
import java.security.PublicKey;
import java.util.Date;
import java.util.List;
import java.util.Map;
import javax.crypto.SecretKey;

/**
 * Turns a raw access token into an {@link AuthenticatedUser}. Only signed tokens (never {@code alg: none}) pass:
 * HS256/384/512 with the configured HMAC secret, RS/PS/ES with a configured public key of the matching kind; a token
 * whose algorithm does not fit the key is refused; {@code exp} is required; a {@code token_type} (or
 * {@code type}) other than {@code access} is refused. The user is {@code user_id} (string or number), else
 * {@code sub}; the tenant is {@code tenant_id}, else the user.
 */
public class TokenVerifier {

    /** The tenant namespace of users whose token names no tenant; no explicit {@code tenant_id} may start with it. */
    public static final String USER_TENANT_PREFIX = "user:";

    private final JwtParser parser;
    private final boolean requireTenant;

    public TokenVerifier(JwtProperties properties) {
        this.requireTenant = properties.requireTenant();
        SecretKey secret = Keys.hmacShaKeyFor(properties.secret().getBytes(StandardCharsets.UTF_8));
        List<PublicKey> publicKeys =
                properties.publicKeys().stream().map(PemKeys::publicKey).toList();
        this.parser = Jwts.parser()
                .keyLocator(header -> keyFor(header, secret, publicKeys))
                .clockSkewSeconds(properties.clockSkew().toSeconds())
                .build();
    }

    /** The key for the token's algorithm: the secret for HS256/384/512, an RSA key for RS and PS, an EC key for ES. */
    private static Key keyFor(Header header, SecretKey secret, List<PublicKey> publicKeys) {
        String algorithm = header instanceof ProtectedHeader protectedHeader ? protectedHeader.getAlgorithm() : null;
        if (algorithm == null) {
            throw new UnsupportedJwtException("Token has no algorithm");
        }
        if (algorithm.startsWith("HS")) {
            return secret;
        }
        String kind = algorithm.startsWith("ES") ? "EC" : "RSA";
        return publicKeys.stream()
                .filter(key -> key.getAlgorithm().equals(kind))
                .findFirst()
                .orElseThrow(() -> new UnsupportedJwtException("No " + kind + " key for " + algorithm));
    }

    public AuthenticatedUser verify(String token) throws InvalidTokenException {
        if (token == null || token.isBlank()) {
            throw new InvalidTokenException(InvalidTokenException.Reason.MISSING, "No token");
        }
        Claims claims = parse(token.trim());
        Date expiration = claims.getExpiration();
        if (expiration == null) {
            throw new InvalidTokenException(InvalidTokenException.Reason.MALFORMED, "Token has no exp");
        }
        Object tokenType = claims.containsKey("token_type") ? claims.get("token_type") : claims.get("type");
        if (tokenType != null && !"access".equals(tokenType.toString())) {
            throw new InvalidTokenException(
                    InvalidTokenException.Reason.NOT_AN_ACCESS_TOKEN, "Token type " + tokenType + " is not access");
        }
        Object userIdClaim = claims.get("user_id");
        String userId = text(userIdClaim);
        if (userId == null) {
            userId = claims.getSubject();
        }
        if (userId == null || userId.isBlank()) {
            throw new InvalidTokenException(InvalidTokenException.Reason.NO_SUBJECT, "Token names no user");
        }
        return new AuthenticatedUser(
                userId,
                tenant(claims, userId),
                displayName(claims, userId),
                expiration.toInstant(),
                userIdClaim instanceof Number);
    }

    private String tenant(Claims claims, String userId) throws InvalidTokenException {
        String tenantId = text(claims.get("tenant_id"));
        if (tenantId == null || tenantId.isBlank()) {
            if (requireTenant) {
                throw new InvalidTokenException(InvalidTokenException.Reason.NO_TENANT, "Token names no tenant");
            }
            return USER_TENANT_PREFIX + userId;
        }
        if (tenantId.startsWith(USER_TENANT_PREFIX)) {
            throw new InvalidTokenException(
                    InvalidTokenException.Reason.MALFORMED, "A tenant_id may not name a user's own tenant");
        }
        return tenantId;
    }

    private Claims parse(String token) throws InvalidTokenException {
        try {
            return parser.parseSignedClaims(token).getPayload();
        } catch (ExpiredJwtException e) {
            throw new InvalidTokenException(InvalidTokenException.Reason.EXPIRED, "Token expired", e);
        } catch (SecurityException e) {
            throw new InvalidTokenException(InvalidTokenException.Reason.BAD_SIGNATURE, "Bad signature", e);
        } catch (JwtException | IllegalArgumentException e) {
            throw new InvalidTokenException(InvalidTokenException.Reason.MALFORMED, "Malformed token", e);
        }
    }

    private static String displayName(Map<String, Object> claims, String userId) {
        for (String claim : new String[] {"username", "name"}) {
            String value = text(claims.get(claim));
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        String first = text(claims.get("first_name"));
        String last = text(claims.get("last_name"));
        String full = ((first == null ? "" : first) + " " + (last == null ? "" : last)).trim();
        return full.isEmpty() ? "User " + userId : full;
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }
}
