package net.fiko.message.outbox;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * How far the relay is behind, as an operator watches it: {@code fiko.outbox.backlog} (events written and not yet
 * acknowledged by Kafka) and {@code fiko.outbox.oldest.age} (seconds since the oldest of them was written; 0 when there
 * is none). A backlog that grows while its oldest ages is a relay that cannot publish: Kafka is down or refusing. Read
 * from the table at most once per {@link #FRESHNESS}, however often it is scraped; NaN when the database cannot say.
 */
@Component
class OutboxMeters {

    static final Duration FRESHNESS = Duration.ofSeconds(5);
    private static final Logger log = LoggerFactory.getLogger(OutboxMeters.class);

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private Instant readAt = Instant.MIN;
    private double backlog = Double.NaN;
    private double oldestAgeSeconds = Double.NaN;

    OutboxMeters(JdbcTemplate jdbc, Clock clock, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.clock = clock;
        Gauge.builder("fiko.outbox.backlog", this, OutboxMeters::backlog)
                .description("Outbox events not yet acknowledged by Kafka")
                .register(meters);
        Gauge.builder("fiko.outbox.oldest.age", this, OutboxMeters::oldestAgeSeconds)
                .description("Age of the oldest outbox event not yet acknowledged by Kafka")
                .baseUnit("seconds")
                .register(meters);
    }

    synchronized double backlog() {
        refresh();
        return backlog;
    }

    synchronized double oldestAgeSeconds() {
        refresh();
        return oldestAgeSeconds;
    }

    private void refresh() {
        Instant now = clock.instant();
        if (Duration.between(readAt, now).compareTo(FRESHNESS) < 0) {
            return;
        }
        readAt = now;
        try {
            jdbc.query("SELECT count(*), min(created_at) FROM outbox_events", row -> {
                backlog = row.getLong(1);
                Timestamp oldest = row.getTimestamp(2);
                oldestAgeSeconds = oldest == null
                        ? 0
                        : Math.max(0, Duration.between(oldest.toInstant(), now).toMillis() / 1000.0);
            });
        } catch (RuntimeException e) {
            log.debug("Cannot read the outbox's backlog: {}", e.toString());
            backlog = Double.NaN;
            oldestAgeSeconds = Double.NaN;
        }
    }
}
