package net.fiko.connector.kit.retention;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;

/** Forgets deduplication keys once no redelivery can need them: every {@link RetainedKeys} a connector declares. */
public class DedupeRetention {

    private static final Logger log = LoggerFactory.getLogger(DedupeRetention.class);

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final List<RetainedKeys> keys;

    public DedupeRetention(JdbcTemplate jdbc, Clock clock, List<RetainedKeys> keys) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.keys = List.copyOf(keys);
    }

    @Scheduled(initialDelayString = "PT1M", fixedDelayString = "PT1H")
    public void forgetOldKeys() {
        Instant now = clock.instant();
        for (RetainedKeys kept : keys) {
            int forgotten = jdbc.update(
                    "DELETE FROM " + kept.table() + " WHERE " + kept.timeColumn() + " < ?",
                    Timestamp.from(now.minus(kept.retention())));
            if (forgotten > 0) {
                log.info("Forgot {} {} older than {}", forgotten, kept.what(), kept.retention());
            }
        }
    }
}
