package net.fiko.support.auth;

import jakarta.validation.constraints.NotBlank;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * How access tokens are verified ({@code fiko.jwt.*}; the secret from {@code FIKO_JWT_SECRET}).
 *
 * @param secret the HMAC secret tokens are signed with (HS256/384/512); at least 32 bytes, 64 for HS512
 * @param publicKeys PEM public keys (RSA or EC) that tokens signed with RS/PS/ES algorithms are verified with; each
 *     key verifies only the algorithms of its kind
 * @param clockSkew tolerance for the token's time claims
 * @param requireTenant refuse tokens without a {@code tenant_id} claim; off by default, since the original backend's
 *     tokens carry only {@code user_id} (each such user is then a tenant of their own, in the {@code user:} namespace)
 */
@Validated
@ConfigurationProperties("fiko.jwt")
public record JwtProperties(
        @NotBlank String secret, List<String> publicKeys, Duration clockSkew, boolean requireTenant) {

    public JwtProperties {
        publicKeys = publicKeys == null ? List.of() : List.copyOf(publicKeys);
        clockSkew = clockSkew == null ? Duration.ofSeconds(30) : clockSkew;
    }
}
