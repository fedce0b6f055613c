package net.fiko.connector.instagram.inbound;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.locks.LockSupport;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The message ids ({@code mid}) the webhook has seen: each published once ({@code received_mids}), and the echoes of
 * the messages Fiko itself sent told apart ({@code sent_mids}, {@code sends_in_flight}, which the delivery writes).
 */
@Component
class SeenMids {

    private static final Duration ECHO_WAIT = Duration.ofSeconds(3);

    private final JdbcTemplate jdbc;
    private final Clock clock;

    SeenMids(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** True the first time {@code mid} comes, in the caller's transaction. */
    boolean firstTime(String mid, Instant now) {
        return jdbc.update(
                        "INSERT INTO received_mids (mid, received_at) VALUES (?, ?) ON CONFLICT DO NOTHING",
                        mid,
                        Timestamp.from(now))
                == 1;
    }

    /**
     * True if the echo {@code mid} is of a message Fiko sent. A send whose answer is not recorded yet may still claim
     * it: while one to the same customer ({@code igsid}) is under way, wait a little for its id.
     */
    boolean sentByUs(String mid, String igsid) {
        long deadline = System.nanoTime() + ECHO_WAIT.toNanos();
        while (true) {
            if (count("SELECT count(*) FROM sent_mids WHERE mid = ?", mid) > 0) {
                return true;
            }
            boolean inFlight = count(
                            "SELECT count(*) FROM sends_in_flight WHERE recipient_id = ? AND started_at > ?",
                            igsid,
                            Timestamp.from(clock.instant().minus(Duration.ofMinutes(2))))
                    > 0;
            if (!inFlight || System.nanoTime() > deadline) {
                return false;
            }
            LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
        }
    }

    private long count(String sql, Object... args) {
        Long count = jdbc.queryForObject(sql, Long.class, args);
        return count == null ? 0 : count;
    }
}
