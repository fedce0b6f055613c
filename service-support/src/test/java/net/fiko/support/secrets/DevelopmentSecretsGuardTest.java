package net.fiko.support.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

class DevelopmentSecretsGuardTest {

    private final DevelopmentSecretsGuard guard = new DevelopmentSecretsGuard();

    @Test
    void shouldRefuseTheDevelopmentSecretsNamingTheirVariables() {
        var environment = new MockEnvironment()
                .withProperty("fiko.jwt.secret", "fiko-local-development-secret-change-me-0123456789abcdef0123456789")
                .withProperty("fiko.telegram.token-key", "Zmlrby1kZXZlbG9wbWVudC10b2tlbi1rZXktMzJieXQ=")
                .withProperty("fiko.instagram.secret-key", "Zmlrby1kZXZlbG9wbWVudC1zZWNyZXQta2V5LTMyYnk=");

        assertThatThrownBy(() -> guard.fikoDevelopmentSecretsChecked(environment))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("FIKO_JWT_SECRET")
                .hasMessageContaining("FIKO_TELEGRAM_TOKEN_KEY")
                .hasMessageContaining("FIKO_INSTAGRAM_SECRET_KEY");
    }

    @Test
    void shouldStartWithSecretsOfItsOwnOrWhereDevelopmentSecretsAreAllowed() {
        var own = new MockEnvironment()
                .withProperty("fiko.jwt.secret", "a-production-secret-0123456789abcdef0123456789abcdef0123456789ab")
                .withProperty("fiko.telegram.token-key", "q1w2e3r4t5y6u7i8o9p0a1s2d3f4g5h6j7k8l9z0x1c=");
        assertThat(guard.fikoDevelopmentSecretsChecked(own)).isNotNull();

        var local = new MockEnvironment()
                .withProperty("fiko.allow-development-secrets", "true")
                .withProperty("fiko.telegram.token-key", "Zmlrby1kZXZlbG9wbWVudC10b2tlbi1rZXktMzJieXQ=");
        assertThat(guard.fikoDevelopmentSecretsChecked(local)).isNotNull();
    }
}
