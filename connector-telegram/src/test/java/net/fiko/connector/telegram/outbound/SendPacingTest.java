package net.fiko.connector.telegram.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class SendPacingTest {

    static final long MS = 1_000_000L;

    final AtomicLong now = new AtomicLong(0);
    final SendPacing pacing = new SendPacing(now::get);

    @Test
    void shouldSpaceSendsToOneChatASecondApart() {
        assertThat(pacing.book("bot", 1)).isZero();
        assertThat(pacing.book("bot", 1)).isEqualTo(1000 * MS);
        assertThat(pacing.book("bot", 1)).isEqualTo(2000 * MS);

        now.set(5000 * MS);
        assertThat(pacing.book("bot", 1)).isZero();
    }

    @Test
    void shouldLetDifferentChatsGoAtTheBotsRateOfAboutThirtyASecond() {
        long waited = 0;
        for (int chat = 0; chat < 30; chat++) {
            waited = pacing.book("bot", chat);
        }
        assertThat(waited).isEqualTo(29 * SendPacing.PER_BOT.toNanos());
        assertThat(waited).isLessThan(1000 * MS);
        assertThat(pacing.book("other-bot", 1)).isZero();
    }
}
