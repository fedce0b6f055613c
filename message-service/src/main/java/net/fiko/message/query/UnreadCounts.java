package net.fiko.message.query;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import net.fiko.events.unread.UnreadCountChanged;
import net.fiko.message.unread.UnreadCountTopology;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;
import org.springframework.stereotype.Component;

/**
 * Unread counts for the conversation list, from the Kafka Streams topology's global table (every instance holds
 * every conversation's count). While the topology is not running yet, the counts are recounted in PostgreSQL, which
 * gives the same numbers.
 */
@Component
class UnreadCounts {

    private final StreamsBuilderFactoryBean streams;
    private final NamedParameterJdbcTemplate jdbc;

    UnreadCounts(StreamsBuilderFactoryBean streams, NamedParameterJdbcTemplate jdbc) {
        this.streams = streams;
        this.jdbc = jdbc;
    }

    Map<UUID, Long> of(Collection<UUID> conversations) {
        Map<UUID, Long> counts = new HashMap<>();
        if (conversations.isEmpty()) {
            return counts;
        }
        ReadOnlyKeyValueStore<String, UnreadCountChanged> store = store();
        if (store != null) {
            for (UUID id : conversations) {
                UnreadCountChanged count = store.get(id.toString());
                counts.put(id, count == null ? 0 : count.unreadCount());
            }
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

    private ReadOnlyKeyValueStore<String, UnreadCountChanged> store() {
        KafkaStreams kafkaStreams = streams.getKafkaStreams();
        if (kafkaStreams == null || kafkaStreams.state() != KafkaStreams.State.RUNNING) {
            return null;
        }
        try {
            return kafkaStreams.store(StoreQueryParameters.fromNameAndType(
                    UnreadCountTopology.GLOBAL_STORE, QueryableStoreTypes.keyValueStore()));
        } catch (RuntimeException e) {
            return null;
        }
    }
}
