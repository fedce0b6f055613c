package net.fiko.connector.kit.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class PacingTest {

    static final long MS = 1_000_000L;
    static final Pacing.Limits TELEGRAM = new Pacing.Limits(Duration.ofSeconds(1), Duration.ofMillis(34));

    final AtomicLong now = new AtomicLong(0);
    final Pacing pacing = new Pacing(TELEGRAM, now::get);

    @Test
    void shouldSpaceSendsToOneChatTheChatsIntervalApart() {
        assertThat(pacing.book("bot", "1")).isZero();
        assertThat(pacing.book("bot", "1")).isEqualTo(1000 * MS);
        assertThat(pacing.book("bot", "1")).isEqualTo(2000 * MS);

        now.set(5000 * MS);
        assertThat(pacing.book("bot", "1")).isZero();
    }

    @Test
    void shouldLetDifferentChatsGoAtTheChannelsRate() {
        long waited = 0;
        for (int chat = 0; chat < 30; chat++) {
            waited = pacing.book("bot", Integer.toString(chat));
        }
        assertThat(waited).isEqualTo(29 * 34 * MS);
        assertThat(pacing.book("other-bot", "1")).isZero();
    }

    @Test
    void shouldNeverWaitWithoutLimits() {
        Pacing unlimited = new Pacing(Pacing.Limits.NONE, now::get);
        for (int i = 0; i < 100; i++) {
            assertThat(unlimited.book("account", "1")).isZero();
        }
    }
}
