package net.fiko.faults;

import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import net.fiko.events.EventJson;
import net.fiko.events.Topics;
import net.fiko.faults.check.Figures;
import net.fiko.faults.load.ChatClient;
import net.fiko.faults.load.SocketFigures;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import tools.jackson.databind.JsonNode;

/**
 * Lets a scenario's traffic settle once the faults are over, then holds what every party has against what was sent:
 * the rows in PostgreSQL, the events on the topics, what each socket received, what the platform was sent.
 */
final class Checker {

    private final Stack stack;
    private final Traffic traffic;
    private final Evidence evidence;

    Checker(Stack stack, Traffic traffic) {
        this.stack = stack;
        this.traffic = traffic;
        this.evidence = new Evidence(stack);
    }

    /**
     * Waits (bounded) until every send is acknowledged, every socket has its conversation's last message, every
     * reply has its platform's answer, and, if asked, every unread count on the topic equals a SQL recount.
     */
    void settle(boolean platform, boolean unread) throws Exception {
        traffic.stopSending();
        await(
                Duration.ofMinutes(3),
                () -> traffic.unacked().isEmpty() && traffic.customers().unanswered() == 0);
        await(Duration.ofMinutes(1), () -> {
            Map<String, Long> last = lastSequences();
            return traffic.sockets().stream()
                    .allMatch(socket -> socket.highestSequence() >= last.getOrDefault(socket.conversationId(), 0L));
        });
        if (platform) {
            await(
                    Duration.ofMinutes(3),
                    () -> evidence.count("SELECT count(*) FROM messages WHERE type = 'support'"
                                    + " AND delivery_status = 'pending'")
                            == 0);
        }
        if (unread) {
            await(Duration.ofMinutes(1), () -> wrongUnreadCounts() == 0);
        }
    }

    Figures check(String scenario, boolean platform, boolean unread) throws Exception {
        Figures.Builder figures = new Figures.Builder(scenario);
        Map<String, String> agentTexts = traffic.agentTexts();
        Set<String> unacked = traffic.unacked();
        figures.sent(agentTexts.size(), agentTexts.size() - unacked.size());
        figures.sent(traffic.customers().sent(), traffic.customers().accepted().size());

        // PostgreSQL: every acknowledged message stored once, every conversation numbered without a gap.
        Map<String, Long> agentRows = evidence.counts("SELECT client_msg_id, count(*) FROM messages"
                + " WHERE client_msg_id IS NOT NULL GROUP BY client_msg_id");
        Map<String, Long> customerRows =
                evidence.counts("SELECT content, count(*) FROM messages WHERE type = 'customer' GROUP BY content");
        figures.lost(
                "acked agent messages not stored",
                agentTexts.keySet().stream()
                        .filter(id -> !unacked.contains(id) && !agentRows.containsKey(id))
                        .count());
        figures.duplicated("agent messages stored twice", excess(agentRows));
        figures.lost(
                "accepted customer messages not stored",
                traffic.customers().accepted().stream()
                        .filter(text -> !customerRows.containsKey(text))
                        .count());
        figures.duplicated("customer messages stored twice", excess(customerRows));
        figures.lost(
                "sequence gaps",
                evidence.count("SELECT coalesce(sum(gaps), 0) FROM (SELECT max(sequence) - count(*) AS gaps"
                        + " FROM messages GROUP BY conversation_id) numbered"));

        // Every socket: each message of its conversation from its join on, once, in order.
        Map<String, Long> last = lastSequences();
        SocketFigures sockets = SocketFigures.none();
        for (ChatClient socket : traffic.sockets()) {
            sockets = sockets.plus(socket.figures(last.getOrDefault(socket.conversationId(), 0L)));
        }
        figures.lost("messages a socket never got", sockets.missing());
        figures.duplicated("messages a socket got twice", sockets.repeats());
        figures.outOfOrder("messages a socket got out of order", sockets.outOfOrder());
        figures.detail("resumes cut short", sockets.resumesCut());
        figures.detail("reconnects", sockets.reconnects());
        figures.detail("resends", sockets.resent());
        figures.recovered(sockets.recovered() + traffic.customers().recovered());

        // The conversation stream: each message created once (consumers drop repeats by id; counted, not hidden).
        figures.detail("message_created repeated on the topic", repeatedCreations());

        if (platform) {
            new PlatformChecks(stack, evidence).check(figures);
        }
        if (unread) {
            figures.lost("unread counts unlike a SQL recount", wrongUnreadCounts());
        }
        return figures.build();
    }

    private Map<String, Long> lastSequences() {
        Map<String, Long> last = new HashMap<>();
        try {
            evidence.query(
                    "SELECT id::text, last_sequence FROM conversations",
                    row -> last.put(row.getString(1), row.getLong(2)));
        } catch (SQLException e) {
            // The database is down: nothing settled yet.
        }
        return last;
    }

    /** Conversations whose latest count on {@code fiko.unread.counts} is not what PostgreSQL counts. */
    private long wrongUnreadCounts() {
        Map<String, Long> published = new HashMap<>();
        for (ConsumerRecord<String, String> record : evidence.readAll(Topics.UNREAD_COUNTS.name())) {
            JsonNode event = EventJson.mapper().readTree(record.value());
            published.put(
                    event.path("conversation_id").asString(),
                    event.path("unread_count").asLong());
        }
        Map<String, Long> recount = new HashMap<>();
        try {
            evidence.query("""
                    SELECT c.id::text, count(m.id) FROM conversations c
                    LEFT JOIN conversation_reads r ON r.conversation_id = c.id
                    LEFT JOIN messages m ON m.conversation_id = c.id AND m.type = 'customer'
                      AND m.sequence > coalesce(r.last_read_sequence, 0)
                    GROUP BY c.id
                    """, row -> recount.put(row.getString(1), row.getLong(2)));
        } catch (SQLException e) {
            return Long.MAX_VALUE;
        }
        return recount.entrySet().stream()
                .filter(entry -> !entry.getValue().equals(published.getOrDefault(entry.getKey(), 0L)))
                .count();
    }

    private long repeatedCreations() {
        Map<String, Long> created = new HashMap<>();
        for (ConsumerRecord<String, String> record : evidence.readAll(Topics.CONVERSATION_EVENTS.name())) {
            JsonNode event = EventJson.mapper().readTree(record.value());
            if ("message_created".equals(event.path("type").asString())) {
                created.merge(event.path("message").path("id").asString(), 1L, Long::sum);
            }
        }
        return excess(created);
    }

    private static long excess(Map<String, Long> counts) {
        return counts.values().stream().mapToLong(count -> count - 1).sum();
    }

    private static void await(Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (condition.getAsBoolean()) {
                    return;
                }
            } catch (RuntimeException e) {
                // A part is still coming back.
            }
            LockSupport.parkNanos(Duration.ofSeconds(1).toNanos());
        }
    }
}
