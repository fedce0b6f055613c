package net.fiko.connector.instagram.outbound;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.function.Supplier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Fiko's own sends to Instagram, written down so the webhook tells their echoes from the business's messages
 * ({@code SeenMids}): marked under way while Meta handles one, then kept by the message id Meta gave it.
 */
@Component
class OwnSends {

    private final JdbcTemplate jdbc;
    private final Clock clock;

    OwnSends(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Makes the Send API {@code call} for a part of {@code messageId} to {@code igsid}; Meta's message id. */
    String send(String messageId, String igsid, Supplier<String> call) {
        jdbc.update(
                "INSERT INTO sends_in_flight (message_id, recipient_id, started_at) VALUES (?, ?, ?)"
                        + " ON CONFLICT (message_id) DO UPDATE SET started_at = excluded.started_at",
                messageId,
                igsid,
                Timestamp.from(clock.instant()));
        try {
            String mid = call.get();
            jdbc.update(
                    "INSERT INTO sent_mids (mid, message_id, sent_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                    mid,
                    messageId,
                    Timestamp.from(clock.instant()));
            return mid;
        } finally {
            jdbc.update("DELETE FROM sends_in_flight WHERE message_id = ?", messageId);
        }
    }
}
