package net.fiko.gateway.hub;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import net.fiko.gateway.config.GatewayProperties;
import org.junit.jupiter.api.Test;

class SocketLimitsTest {

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final SocketLimits limits = new SocketLimits(
            new GatewayProperties(
                    null, null, null, null, null, null, null, null, null, null, null, null, null, null, 2, 4, null,
                    null, null, null),
            meters);

    @Test
    void anAddressShouldOpenItsBurstAtOnceThenAtTheRateAndOtherAddressesStayUnaffected() {
        long now = 0;
        assertThat(limits.handshake("10.0.0.1", now)).isTrue();
        for (int i = 1; i < 4; i++) {
            assertThat(limits.handshake("10.0.0.1", now)).isTrue();
        }
        assertThat(limits.handshake("10.0.0.1", now)).isFalse();
        assertThat(limits.handshake("10.0.0.2", now)).isTrue();

        assertThat(limits.handshake("10.0.0.1", now + 400_000_000L)).isFalse();
        assertThat(limits.handshake("10.0.0.1", now + 500_000_000L)).isTrue();
        assertThat(meters.get("fiko.gateway.sockets.refused")
                        .tag("reason", "address")
                        .counter()
                        .count())
                .isEqualTo(2);
    }

    @Test
    void aUserShouldHoldTwentySocketsByDefaultAndGetAPlaceBackWhenOneCloses() {
        var user = new net.fiko.support.auth.AuthenticatedUser("1", "acme", "Sara", Instant.MAX);
        for (int i = 0; i < 20; i++) {
            assertThat(limits.open(user)).isNull();
        }
        assertThat(limits.open(user)).isEqualTo(SocketLimits.Refusal.USER);
        assertThat(limits.open(new net.fiko.support.auth.AuthenticatedUser("2", "acme", "Omar", Instant.MAX)))
                .isNull();

        limits.closed(user);
        assertThat(limits.open(user)).isNull();
    }
}
