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
    void shouldLetAChatSendOnlyOnceItsIntervalHasPassed() {
        assertThat(pacing.book("bot", "1")).isEqualTo(new Pacing.Slot(0, true));
        assertThat(pacing.book("bot", "1")).isEqualTo(new Pacing.Slot(1000 * MS, false));

        now.set(400 * MS);
        assertThat(pacing.book("bot", "1")).isEqualTo(new Pacing.Slot(600 * MS, false));
        now.set(1000 * MS);
        assertThat(pacing.book("bot", "1")).isEqualTo(new Pacing.Slot(0, true));
    }

    @Test
    void shouldLetDifferentChatsGoAtTheChannelsRate() {
        Pacing.Slot last = null;
        for (int chat = 0; chat < 30; chat++) {
            last = pacing.book("bot", Integer.toString(chat));
        }
        assertThat(last).isEqualTo(new Pacing.Slot(29 * 34 * MS, true));
        assertThat(pacing.book("other-bot", "1")).isEqualTo(new Pacing.Slot(0, true));
    }

    @Test
    void aChatWaitingOutItsIntervalShouldNotHoldTheChannelsSlotsForTheOthers() {
        pacing.book("bot", "busy");
        now.set(40 * MS);
        assertThat(pacing.book("bot", "busy").booked()).isFalse();

        assertThat(pacing.book("bot", "other")).isEqualTo(new Pacing.Slot(0, true));
    }

    @Test
    void shouldNeverWaitWithoutLimits() {
        Pacing unlimited = new Pacing(Pacing.Limits.NONE, now::get);
        for (int i = 0; i < 100; i++) {
            assertThat(unlimited.book("account", "1")).isEqualTo(new Pacing.Slot(0, true));
        }
    }
}
