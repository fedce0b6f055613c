package net.fiko.message.conversation;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Unread counts for the conversation list, counted in PostgreSQL in the list's own read: a list never shows a count
 * older than the messages in it, and agrees with the counts the change events carry. The Kafka Streams topology
 * publishes the same numbers on {@code fiko.unread.counts} for other consumers; its counts trail the database by
 * its commit interval, which is why the list does not read them. The write side uses it too, for the counts its
 * change events carry.
 */
@Component
public class UnreadCounts {

    private final NamedParameterJdbcTemplate jdbc;

    UnreadCounts(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The counts of these conversations, in one query; 0 for a conversation without unread messages. */
    public Map<UUID, Long> of(Collection<UUID> conversations) {
        Map<UUID, Long> counts = new HashMap<>();
        if (conversations.isEmpty()) {
            return counts;
        }
        jdbc.query("""
                SELECT m.conversation_id, count(*) FROM messages m
                LEFT JOIN conversation_reads r ON r.conversation_id = m.conversation_id
                WHERE m.conversation_id IN (:ids) AND m.type = 'customer'
                  AND m.sequence > coalesce(r.last_read_sequence, 0)
                GROUP BY m.conversation_id
                """, new MapSqlParameterSource("ids", conversations), row -> {
            counts.put(row.getObject(1, UUID.class), row.getLong(2));
        });
        conversations.forEach(id -> counts.putIfAbsent(id, 0L));
        return counts;
    }
}
