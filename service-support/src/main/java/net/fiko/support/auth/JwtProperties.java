package net.fiko.support.auth;

import jakarta.validation.constraints.NotBlank;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * How access tokens are verified ({@code fiko.jwt.*}; the secret from {@code FIKO_JWT_SECRET}).
 *
 * @param secret the HMAC secret tokens are signed with (HS256/384/512); at least 32 bytes, 64 for HS512
 * @param clockSkew tolerance for the token's time claims
 */
@Validated
@ConfigurationProperties("fiko.jwt")
public record JwtProperties(@NotBlank String secret, Duration clockSkew) {

    public JwtProperties {
        clockSkew = clockSkew == null ? Duration.ofSeconds(30) : clockSkew;
    }
}
