package net.fiko.connector.kit.delivery;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What was sent: one row per reply the platform took, with the ids it gave each part ({@code sent_messages}, which
 * each connector's migrations create). A command that comes again (a redelivery, a replay, a resend) finds its row and
 * is reported as sent without a second call.
 */
public final class SendLedger {

    private final JdbcTemplate jdbc;

    public SendLedger(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The platform's ids of a reply's parts, if it was sent. */
    Optional<List<String>> sent(String messageId) {
        return jdbc
                .queryForList(
                        "SELECT platform_message_ids FROM sent_messages WHERE message_id = ?", String.class, messageId)
                .stream()
                .findFirst()
                .map(ids -> Arrays.asList(ids.split(",")));
    }

    void record(String messageId, String channelId, List<String> platformIds, int attempts, Instant at) {
        jdbc.update(
                "INSERT INTO sent_messages (message_id, channel_id, platform_message_ids, attempts, sent_at)"
                        + " VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                messageId,
                channelId,
                String.join(",", platformIds),
                attempts,
                Timestamp.from(at));
    }
}
