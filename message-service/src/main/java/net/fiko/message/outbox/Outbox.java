package net.fiko.message.outbox;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import net.fiko.events.EventJson;
import net.fiko.events.FikoEvent;
import net.fiko.events.Topic;
import net.fiko.support.observability.Traces;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Where services put the events of a change: in the change's own transaction, so a stored message and its event
 * are never one without the other. The relay publishes them once the transaction commits, in the order they were
 * appended. Written with plain SQL: a batch of events is one round trip to PostgreSQL. Each event keeps the trace it
 * belongs to ({@link TraceOrigins}, else the current span's), which its record carries on.
 */
@Component
public class Outbox {

    private static final String INSERT =
            "INSERT INTO outbox_events (topic, event_key, payload, created_at, trace_parent) VALUES (?, ?, ?, ?, ?)";

    private final JdbcTemplate jdbc;
    private final OutboxRelay relay;
    private final Clock clock;
    private final TransactionSynchronization wakeRelay;
    private final Traces traces;

    Outbox(JdbcTemplate jdbc, OutboxRelay relay, Clock clock, Traces traces) {
        this.jdbc = jdbc;
        this.traces = traces;
        this.relay = relay;
        this.clock = clock;
        this.wakeRelay = new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                relay.wakeUp();
            }
        };
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public <V extends FikoEvent> void append(Topic<? super V> topic, V event) {
        appendAll(List.of(Entry.of(topic, event)));
    }

    /** Appends the events in their order, in one JDBC batch. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void appendAll(List<Entry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        Timestamp now = Timestamp.from(clock.instant());
        String current = traces.current();
        jdbc.batchUpdate(
                INSERT,
                entries.stream()
                        .map(entry -> {
                            String origin = TraceOrigins.of(entry.key());
                            return new Object[] {
                                entry.topic(), entry.key(), entry.payload(), now, origin == null ? current : origin
                            };
                        })
                        .toList());
        // One instance for all: the transaction keeps its synchronizations in a set, so the relay is woken once per
        // commit however many events the transaction appended.
        TransactionSynchronizationManager.registerSynchronization(wakeRelay);
    }

    /** One event as the outbox keeps it: its topic, its key and its JSON. */
    public record Entry(String topic, String key, String payload) {

        public static <V extends FikoEvent> Entry of(Topic<? super V> topic, V event) {
            return new Entry(topic.name(), event.partitionKey(), EventJson.toJson(event));
        }
    }
}
