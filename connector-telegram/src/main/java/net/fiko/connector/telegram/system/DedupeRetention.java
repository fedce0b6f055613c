package net.fiko.connector.telegram.system;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Forgets deduplication keys once no redelivery can need them ({@code fiko.telegram.dedupe-retention}, 14 days):
 * the update ids Telegram might resend, the message ids a replayed command might ask to send again.
 */
@Component
public class DedupeRetention {

    private static final Logger log = LoggerFactory.getLogger(DedupeRetention.class);

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final Duration retention;

    DedupeRetention(JdbcTemplate jdbc, Clock clock, TelegramProperties properties) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.retention = properties.dedupeRetention();
    }

    @Scheduled(initialDelayString = "PT1M", fixedDelayString = "PT1H")
    public void forgetOldKeys() {
        Timestamp before = Timestamp.from(clock.instant().minus(retention));
        int updates = jdbc.update("DELETE FROM received_updates WHERE received_at < ?", before);
        int sent = jdbc.update("DELETE FROM sent_messages WHERE sent_at < ?", before);
        if (updates + sent > 0) {
            log.info("Forgot {} update ids and {} sent message ids older than {}", updates, sent, retention);
        }
    }
}
