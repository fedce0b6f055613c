package net.fiko.support.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jsonwebtoken.Jwts;
import java.security.KeyPair;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import net.fiko.dev.DevTokens;
import net.fiko.events.EventJson;
import net.fiko.support.auth.InvalidTokenException.Reason;
import org.junit.jupiter.api.Test;

class TokenVerifierTest {

    private static final String SECRET = "test-secret-that-is-long-enough-for-hs512-signatures-0123456789abcdef";

    private final TokenVerifier verifier =
            new TokenVerifier(new JwtProperties(SECRET, List.of(), Duration.ZERO, false));

    @Test
    void shouldAuthenticateTheUserAndTenantOfAnAccessToken() throws Exception {
        String token = DevTokens.access(SECRET, "42", "acme", "Sara", Duration.ofMinutes(5));

        AuthenticatedUser user = verifier.verify(token);

        assertThat(user.userId()).isEqualTo("42");
        assertThat(user.tenantId()).isEqualTo("acme");
        assertThat(user.username()).isEqualTo("Sara");
        assertThat(user.expiresAt()).isAfter(java.time.Instant.now());
    }

    @Test
    void shouldAcceptTokensSignedWithASecretTooShortForHs512() throws Exception {
        String secret = "a-secret-of-forty-bytes-0123456789abcdef";
        var shortSecret = new TokenVerifier(new JwtProperties(secret, List.of(), Duration.ZERO, false));

        AuthenticatedUser user =
                shortSecret.verify(DevTokens.access(secret, "42", "acme", "Sara", Duration.ofMinutes(5)));

        assertThat(user.tenantId()).isEqualTo("acme");
    }

    @Test
    void shouldTakeANumericUserIdAndMakeTheUserTheirOwnTenantWithoutATenantClaim() throws Exception {
        String token = DevTokens.sign(
                SECRET, Map.of("user_id", 123, "first_name", "John", "last_name", "Doe"), Duration.ofMinutes(5));

        AuthenticatedUser user = verifier.verify(token);

        assertThat(user.userId()).isEqualTo("123");
        assertThat(user.tenantId()).isEqualTo("user:123");
        assertThat(user.username()).isEqualTo("John Doe");
        assertThat(user.userIdIsNumber()).isTrue();
        assertThat(EventJson.mapper().valueToTree(user.agent()).toString())
                .isEqualTo("{\"user_id\":\"123\",\"username\":\"John Doe\",\"user_id_is_number\":true}");
        assertThat(user.agent().userIdValue()).isEqualTo(new java.math.BigDecimal(123));
    }

    @Test
    void shouldKeepAStringUserIdAString() throws Exception {
        AuthenticatedUser user =
                verifier.verify(DevTokens.access(SECRET, "123", "acme", "Sara", Duration.ofMinutes(5)));

        assertThat(user.userIdIsNumber()).isFalse();
        assertThat(EventJson.mapper().valueToTree(user.agent()).toString())
                .isEqualTo("{\"user_id\":\"123\",\"username\":\"Sara\"}");
        assertThat(user.agent().userIdValue()).isEqualTo("123");
    }

    @Test
    void shouldNeverPutATenantlessUserInATenantThatAnotherTokenNames() throws Exception {
        AuthenticatedUser withoutTenant =
                verifier.verify(DevTokens.sign(SECRET, Map.of("user_id", "demo"), Duration.ofMinutes(5)));
        AuthenticatedUser ofDemo =
                verifier.verify(DevTokens.access(SECRET, "1", "demo", "Sara", Duration.ofMinutes(5)));

        assertThat(withoutTenant.tenantId()).isNotEqualTo(ofDemo.tenantId());
        assertReason(DevTokens.access(SECRET, "1", "user:demo", "Eve", Duration.ofMinutes(5)), Reason.MALFORMED);
    }

    @Test
    void shouldRefuseATokenWithoutATenantWhenTheClaimIsRequired() throws Exception {
        var strict = new TokenVerifier(new JwtProperties(SECRET, List.of(), Duration.ZERO, true));

        assertThatThrownBy(() -> strict.verify(DevTokens.sign(SECRET, Map.of("user_id", "7"), Duration.ofMinutes(5))))
                .isInstanceOfSatisfying(
                        InvalidTokenException.class, e -> assertThat(e.reason()).isEqualTo(Reason.NO_TENANT));
        assertThat(strict.verify(DevTokens.access(SECRET, "7", "acme", "Sara", Duration.ofMinutes(5)))
                        .tenantId())
                .isEqualTo("acme");
    }

    @Test
    void shouldFallBackToSubForTheUser() throws Exception {
        String token = DevTokens.sign(SECRET, Map.of("sub", "u-7"), Duration.ofMinutes(5));

        assertThat(verifier.verify(token).userId()).isEqualTo("u-7");
    }

    @Test
    void shouldRefuseAMissingToken() {
        assertReason(null, Reason.MISSING);
        assertReason(" ", Reason.MISSING);
    }

    @Test
    void shouldRefuseAnExpiredToken() {
        assertReason(DevTokens.access(SECRET, "1", "t", "u", Duration.ofSeconds(-5)), Reason.EXPIRED);
    }

    @Test
    void shouldRefuseATokenSignedWithAnotherSecret() {
        String other = DevTokens.access(SECRET.replace('t', 'x'), "1", "t", "u", Duration.ofMinutes(5));

        assertReason(other, Reason.BAD_SIGNATURE);
    }

    @Test
    void shouldRefuseARefreshToken() {
        String refresh = DevTokens.sign(SECRET, Map.of("user_id", "1", "token_type", "refresh"), Duration.ofMinutes(5));

        assertReason(refresh, Reason.NOT_AN_ACCESS_TOKEN);
    }

    @Test
    void shouldRefuseATokenWithoutExpiry() {
        String forever = Jwts.builder()
                .claim("user_id", "1")
                .signWith(io.jsonwebtoken.security.Keys.hmacShaKeyFor(SECRET.getBytes()), Jwts.SIG.HS512)
                .compact();

        assertReason(forever, Reason.MALFORMED);
    }

    @Test
    void shouldRefuseAnUnsignedTokenWithAlgNone() {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String unsigned = b64.encodeToString("{\"alg\":\"none\"}".getBytes()) + "."
                + b64.encodeToString(
                        ("{\"user_id\":\"1\",\"exp\":" + (System.currentTimeMillis() / 1000 + 600) + "}").getBytes())
                + ".";

        assertReason(unsigned, Reason.MALFORMED);
    }

    @Test
    void shouldVerifyRsaAndEcSignedTokensWithTheConfiguredPublicKeys() throws Exception {
        KeyPair rsa = Jwts.SIG.RS256.keyPair().build();
        KeyPair ec = Jwts.SIG.ES256.keyPair().build();
        var withKeys = new TokenVerifier(new JwtProperties(SECRET, List.of(pem(rsa), pem(ec)), Duration.ZERO, false));

        assertThat(withKeys.verify(signed(rsa, Jwts.SIG.RS256)).userId()).isEqualTo("5");
        assertThat(withKeys.verify(signed(rsa, Jwts.SIG.PS256)).userId()).isEqualTo("5");
        assertThat(withKeys.verify(signed(ec, Jwts.SIG.ES256)).userId()).isEqualTo("5");
    }

    @Test
    void shouldRefuseAKeyOfAnotherSignerAndAnAlgorithmWithoutAKeyOfItsKind() {
        KeyPair rsa = Jwts.SIG.RS256.keyPair().build();
        KeyPair stranger = Jwts.SIG.RS256.keyPair().build();
        KeyPair ec = Jwts.SIG.ES256.keyPair().build();
        var rsaOnly = new TokenVerifier(new JwtProperties(SECRET, List.of(pem(rsa)), Duration.ZERO, false));

        assertThatThrownBy(() -> rsaOnly.verify(signed(stranger, Jwts.SIG.RS256)))
                .isInstanceOfSatisfying(
                        InvalidTokenException.class, e -> assertThat(e.reason()).isEqualTo(Reason.BAD_SIGNATURE));
        assertThatThrownBy(() -> rsaOnly.verify(signed(ec, Jwts.SIG.ES256))).isInstanceOf(InvalidTokenException.class);
    }

    @Test
    void shouldRefuseAnHmacTokenKeyedWithThePublicKey() {
        KeyPair rsa = Jwts.SIG.RS256.keyPair().build();
        var withKey = new TokenVerifier(new JwtProperties(SECRET, List.of(pem(rsa)), Duration.ZERO, false));
        String confused = Jwts.builder()
                .claim("user_id", "1")
                .expiration(new java.util.Date(System.currentTimeMillis() + 60_000))
                .signWith(io.jsonwebtoken.security.Keys.hmacShaKeyFor(pem(rsa).getBytes()), Jwts.SIG.HS256)
                .compact();

        assertThatThrownBy(() -> withKey.verify(confused))
                .isInstanceOfSatisfying(
                        InvalidTokenException.class, e -> assertThat(e.reason()).isEqualTo(Reason.BAD_SIGNATURE));
    }

    private static String signed(KeyPair keys, io.jsonwebtoken.security.SignatureAlgorithm algorithm) {
        return Jwts.builder()
                .claim("user_id", "5")
                .expiration(new java.util.Date(System.currentTimeMillis() + 60_000))
                .signWith(keys.getPrivate(), algorithm)
                .compact();
    }

    private static String pem(KeyPair keys) {
        return "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(keys.getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----";
    }

    @Test
    void shouldRefuseGarbage() {
        assertReason("not-a-jwt", Reason.MALFORMED);
    }

    private void assertReason(String token, Reason reason) {
        assertThatThrownBy(() -> verifier.verify(token))
                .isInstanceOfSatisfying(
                        InvalidTokenException.class, e -> assertThat(e.reason()).isEqualTo(reason));
    }
}
