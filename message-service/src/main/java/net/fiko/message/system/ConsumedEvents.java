package net.fiko.message.system;

import java.time.Clock;
import java.time.Duration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The events this service has handled, by {@code event_id}: Kafka delivers at least once, and a redelivered event
 * must change nothing. Recorded in the same transaction as the event's effect, so the two commit together.
 */
@Component
public class ConsumedEvents {

    /** Longer than any topic keeps its records: an event older than this cannot be delivered again. */
    static final Duration KEPT = Duration.ofDays(8);

    private final JdbcTemplate jdbc;
    private final Clock clock;

    ConsumedEvents(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Records the event; false if it was handled before (then the caller does nothing). */
    @Transactional(propagation = Propagation.MANDATORY)
    public boolean firstTime(String eventId) {
        return jdbc.update(
                        "INSERT INTO consumed_events (event_id, consumed_at) VALUES (?, ?) ON CONFLICT DO NOTHING",
                        eventId,
                        java.sql.Timestamp.from(clock.instant()))
                == 1;
    }

    @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT5M")
    void forgetOldEvents() {
        jdbc.update(
                "DELETE FROM consumed_events WHERE consumed_at < ?",
                java.sql.Timestamp.from(clock.instant().minus(KEPT)));
    }
}
