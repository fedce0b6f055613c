package net.fiko.message.system;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
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
                        Timestamp.from(clock.instant()))
                == 1;
    }

    /**
     * Records a batch of events in one statement; returns the ids handled for the first time, each once even if the
     * batch holds it twice.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Set<String> firstTimes(Collection<String> eventIds) {
        if (eventIds.isEmpty()) {
            return new HashSet<>();
        }
        return new HashSet<>(jdbc.query(
                "INSERT INTO consumed_events (event_id, consumed_at) SELECT DISTINCT unnest(?::text[]), ?::timestamptz"
                        + " ON CONFLICT DO NOTHING RETURNING event_id",
                statement -> {
                    statement.setArray(1, SqlArrays.texts(statement, eventIds));
                    statement.setTimestamp(2, Timestamp.from(clock.instant()));
                },
                (row, n) -> row.getString(1)));
    }

    @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT5M")
    void forgetOldEvents() {
        jdbc.update(
                "DELETE FROM consumed_events WHERE consumed_at < ?",
                Timestamp.from(clock.instant().minus(KEPT)));
    }
}
