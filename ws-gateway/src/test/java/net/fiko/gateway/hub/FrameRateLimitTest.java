package net.fiko.gateway.hub;

import static org.assertj.core.api.Assertions.assertThat;

import net.fiko.gateway.hub.FrameRateLimit.Verdict;
import org.junit.jupiter.api.Test;

class FrameRateLimitTest {

    static final long SECOND = 1_000_000_000L;

    @Test
    void shouldAcceptABurstThenRefuseThenCloseAClientThatKeepsOn() {
        var limit = new FrameRateLimit(10, 3, 2, 0);

        assertThat(limit.frame(0)).isEqualTo(Verdict.ACCEPT);
        assertThat(limit.frame(0)).isEqualTo(Verdict.ACCEPT);
        assertThat(limit.frame(0)).isEqualTo(Verdict.ACCEPT);
        assertThat(limit.frame(0)).isEqualTo(Verdict.REFUSE);
        assertThat(limit.frame(0)).isEqualTo(Verdict.REFUSE);
        assertThat(limit.frame(0)).isEqualTo(Verdict.CLOSE);
    }

    @Test
    void shouldRefillAtTheRateAndForgiveAClientThatSlowsDown() {
        var limit = new FrameRateLimit(10, 1, 2, 0);

        assertThat(limit.frame(0)).isEqualTo(Verdict.ACCEPT);
        assertThat(limit.frame(0)).isEqualTo(Verdict.REFUSE);
        assertThat(limit.frame(SECOND / 10)).isEqualTo(Verdict.ACCEPT);
        assertThat(limit.frame(SECOND / 10)).isEqualTo(Verdict.REFUSE);
        assertThat(limit.frame(SECOND / 10)).isEqualTo(Verdict.REFUSE);
        assertThat(limit.frame(2 * SECOND)).isEqualTo(Verdict.ACCEPT);
    }
}
