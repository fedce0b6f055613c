package net.fiko.message.conversation;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import net.fiko.message.system.SqlArrays;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Unread counts for the conversation list and the events that change it, served from the Kafka Streams topology's
 * counts ({@link Streamed}) and never older than the caller's own read of the database: Streams counts a conversation
 * up to a sequence and a read mark; PostgreSQL adds the customer messages after that sequence (those Streams has not
 * reached yet, a handful while it catches up). Where Streams has no count, or counted under an older read mark, the
 * database counts from the read mark, as it did before Streams served any count. Call it after reading or locking the
 * conversations: Streams counts only what was committed before, so it is never ahead of the caller.
 */
@Component
public class UnreadCounts {

    private final Streamed streamed;
    /**
     * Per conversation (ids, the sequence Streams counted up to, the read mark it applied): the agents' read mark, and
     * the customer's messages after what Streams counted, or after the read mark where the agents read since. Read
     * through the index of customers' messages alone (V9), so agents' replies cost the count nothing.
     */
    static final String NEWER_CUSTOMER_MESSAGES = """
            SELECT s.id, coalesce(r.last_read_sequence, 0) AS read_up_to,
              (SELECT count(*) FROM messages m WHERE m.conversation_id = s.id AND m.type = 'customer'
                 AND m.sequence > CASE WHEN coalesce(r.last_read_sequence, 0) = s.read_up_to THEN s.sequence
                                       ELSE coalesce(r.last_read_sequence, 0) END) AS newer
            FROM unnest(?::uuid[], ?::bigint[], ?::bigint[]) AS s(id, sequence, read_up_to)
            LEFT JOIN conversation_reads r ON r.conversation_id = s.id
            """;

    private final JdbcTemplate jdbc;
    private final Counter fromStreams;
    private final Counter fromDatabase;
    private final DistributionSummary toppedUp;

    UnreadCounts(Streamed streamed, JdbcTemplate jdbc, ObjectProvider<MeterRegistry> meterRegistry) {
        this.streamed = streamed;
        this.jdbc = jdbc;
        MeterRegistry meters = meterRegistry.getIfAvailable(() -> Metrics.globalRegistry);
        this.fromStreams = meters.counter("fiko.unread.counts.served", "source", "streams");
        this.fromDatabase = meters.counter("fiko.unread.counts.served", "source", "database");
        this.toppedUp = meters.summary("fiko.unread.counts.topped.up");
    }

    /** The counts of these conversations; 0 for a conversation without unread messages. One query for the lot. */
    public Map<UUID, Long> of(Collection<UUID> conversations) {
        Map<UUID, Long> counts = new HashMap<>();
        if (conversations.isEmpty()) {
            return counts;
        }
        Map<UUID, Counted> known = streamed.of(conversations);
        List<UUID> ids = new ArrayList<>(conversations);
        Long[] sequences = ids.stream()
                .map(id -> known.containsKey(id) ? known.get(id).sequence() : 0L)
                .toArray(Long[]::new);
        Long[] reads = ids.stream()
                .map(id -> known.containsKey(id) ? known.get(id).readUpTo() : -1L)
                .toArray(Long[]::new);
        jdbc.query(
                NEWER_CUSTOMER_MESSAGES,
                statement -> {
                    statement.setArray(1, SqlArrays.uuids(statement, ids));
                    statement.setArray(2, statement.getConnection().createArrayOf("bigint", sequences));
                    statement.setArray(3, statement.getConnection().createArrayOf("bigint", reads));
                },
                row -> {
                    UUID id = row.getObject(1, UUID.class);
                    Counted counted = known.get(id);
                    boolean streamsCounted = counted != null && counted.readUpTo() == row.getLong(2);
                    long newer = row.getLong(3);
                    counts.put(id, (streamsCounted ? counted.unread() : 0) + newer);
                    if (streamsCounted) {
                        fromStreams.increment();
                        toppedUp.record(newer);
                    } else {
                        fromDatabase.increment();
                    }
                });
        conversations.forEach(id -> counts.putIfAbsent(id, 0L));
        return counts;
    }

    /** The counts the Streams topology has published, by conversation; those it has none of are left out. */
    public interface Streamed {

        Map<UUID, Counted> of(Collection<UUID> conversations);
    }

    /** A count, the highest message sequence it includes, and the read mark it applied. */
    public record Counted(long unread, long sequence, long readUpTo) {}
}
