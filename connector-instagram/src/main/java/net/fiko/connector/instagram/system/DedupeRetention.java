package net.fiko.connector.instagram.system;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Forgets deduplication keys once no redelivery can need them ({@code fiko.instagram.dedupe-retention}, 14 days), and
 * sends a crash left marked as under way.
 */
@Component
public class DedupeRetention {

    private static final Logger log = LoggerFactory.getLogger(DedupeRetention.class);

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final Duration retention;

    DedupeRetention(JdbcTemplate jdbc, Clock clock, InstagramProperties properties) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.retention = properties.dedupeRetention();
    }

    @Scheduled(initialDelayString = "PT1M", fixedDelayString = "PT1H")
    public void forgetOldKeys() {
        Instant now = clock.instant();
        Timestamp before = Timestamp.from(now.minus(retention));
        int received = jdbc.update("DELETE FROM received_mids WHERE received_at < ?", before);
        int sent = jdbc.update("DELETE FROM sent_mids WHERE sent_at < ?", before)
                + jdbc.update("DELETE FROM sent_messages WHERE sent_at < ?", before);
        jdbc.update("DELETE FROM sends_in_flight WHERE started_at < ?", Timestamp.from(now.minus(Duration.ofHours(1))));
        if (received + sent > 0) {
            log.info("Forgot {} received and {} sent message ids older than {}", received, sent, retention);
        }
    }
}
