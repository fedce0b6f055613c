package net.fiko.support.throttle;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class PerKeyThrottleTest {

    final Instant t0 = Instant.parse("2026-11-25T10:00:00Z");

    @Test
    void shouldPermitOncePerIntervalAndKey() {
        var throttle = new PerKeyThrottle(Duration.ofSeconds(4), 100);

        assertThat(throttle.permit("a", t0)).isTrue();
        assertThat(throttle.permit("a", t0.plusSeconds(1))).isFalse();
        assertThat(throttle.permit("b", t0.plusSeconds(1))).isTrue();
        assertThat(throttle.permit("a", t0.plusSeconds(3))).isFalse();
        assertThat(throttle.permit("a", t0.plusSeconds(4))).isTrue();
        assertThat(throttle.permit("a", t0.plusSeconds(5))).isFalse();
    }

    @Test
    void shouldForgetIdleKeysPastItsBoundAndStillThrottleActiveOnes() {
        var throttle = new PerKeyThrottle(Duration.ofSeconds(4), 2);
        throttle.permit("old-1", t0);
        throttle.permit("old-2", t0);
        throttle.permit("active", t0.plusSeconds(9));

        assertThat(throttle.permit("old-3", t0.plusSeconds(10))).isTrue();
        assertThat(throttle.permit("active", t0.plusSeconds(10))).isFalse();
        assertThat(throttle.permit("old-1", t0.plusSeconds(10))).isTrue();
    }
}
