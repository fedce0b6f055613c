package net.fiko.faults;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import net.fiko.events.EventJson;
import net.fiko.events.Topics;
import net.fiko.events.delivery.DeliveryFailed;
import net.fiko.faults.check.Figures;
import net.fiko.faults.load.ChatClient;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import tools.jackson.databind.JsonNode;

/**
 * Lets a scenario's traffic settle once the faults are over, then holds what every party has against what was sent:
 * the rows in PostgreSQL, the events on the topics, what each socket received, what the platform was sent.
 */
final class Checker {

    /** The detail counting replies the fake Bot API accepted more than once. */
    static final String PLATFORM_REPEATS = "replies the platform got twice";

    /** The detail counting replies failed as in doubt: under way when the connector died, shown to the agent. */
    static final String IN_DOUBT = "replies in doubt, shown failed";

    private final Stack stack;
    private final Traffic traffic;

    Checker(Stack stack, Traffic traffic) {
        this.stack = stack;
        this.traffic = traffic;
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
                    () -> count("SELECT count(*) FROM messages WHERE type = 'support'"
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
        Map<String, Long> agentRows = counts("SELECT client_msg_id, count(*) FROM messages"
                + " WHERE client_msg_id IS NOT NULL GROUP BY client_msg_id");
        Map<String, Long> customerRows =
                counts("SELECT content, count(*) FROM messages WHERE type = 'customer' GROUP BY content");
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
                count("SELECT coalesce(sum(gaps), 0) FROM (SELECT max(sequence) - count(*) AS gaps"
                        + " FROM messages GROUP BY conversation_id) numbered"));

        // Every socket: each message of its conversation from its join on, once, in order.
        Map<String, Long> last = lastSequences();
        ChatClient.SocketFigures sockets = ChatClient.SocketFigures.none();
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
            Map<String, Integer> delivered = stack.telegramApi().acceptedTexts();
            Map<String, String> statuses = new HashMap<>();
            Map<String, String> texts = new HashMap<>();
            query("SELECT id::text, content, delivery_status FROM messages WHERE type = 'support'", row -> {
                texts.put(row.getString(1), row.getString(2));
                statuses.put(row.getString(2), row.getString(3));
            });
            // Replies whose call was under way when the connector died: failed, told to the agent, not sent again.
            Set<String> inDoubt = inDoubt().stream()
                    .map(texts::get)
                    .filter(text -> text != null && "failed".equals(statuses.get(text)))
                    .collect(java.util.stream.Collectors.toSet());
            figures.lost(
                    "replies the platform never got",
                    statuses.keySet().stream()
                            .filter(text -> !delivered.containsKey(text) && !inDoubt.contains(text))
                            .count());
            figures.duplicated(
                    PLATFORM_REPEATS,
                    delivered.values().stream().mapToLong(times -> times - 1).sum());
            figures.lost(
                    "replies not marked sent",
                    statuses.entrySet().stream()
                            .filter(e -> !e.getValue().equals("sent")
                                    && !e.getValue().equals("delivered"))
                            .filter(e -> !inDoubt.contains(e.getKey()))
                            .count());
            figures.detail(IN_DOUBT, inDoubt.size());
            figures.detail(
                    "of which the platform got",
                    inDoubt.stream().filter(delivered::containsKey).count());
            figures.detail("platform refusals (500, 429)", stack.telegramApi().refusedSends());
            figures.detail("replies shown failed before they were sent", failedThenSent());
        }
        if (unread) {
            figures.lost("unread counts unlike a SQL recount", wrongUnreadCounts());
        }
        return figures.build();
    }

    private Map<String, Long> lastSequences() {
        Map<String, Long> last = new HashMap<>();
        try {
            query(
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
        for (ConsumerRecord<String, String> record : readAll(Topics.UNREAD_COUNTS.name())) {
            JsonNode event = EventJson.mapper().readTree(record.value());
            published.put(
                    event.path("conversation_id").asString(),
                    event.path("unread_count").asLong());
        }
        Map<String, Long> recount = new HashMap<>();
        try {
            query("""
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

    /** Replies announced failed on the stream that are sent now: agents saw a failure that was not one. */
    private long failedThenSent() throws SQLException {
        Set<String> announcedFailed = new java.util.HashSet<>();
        for (ConsumerRecord<String, String> record : readAll(Topics.CONVERSATION_EVENTS.name())) {
            JsonNode event = EventJson.mapper().readTree(record.value());
            if ("delivery_updated".equals(event.path("type").asString())
                    && "failed".equals(event.path("status").asString())) {
                announcedFailed.add(event.path("message_id").asString());
            }
        }
        Set<String> sent = new java.util.HashSet<>();
        query(
                "SELECT id::text FROM messages WHERE type = 'support' AND delivery_status = 'sent'",
                row -> sent.add(row.getString(1)));
        return announcedFailed.stream().filter(sent::contains).count();
    }

    /** Messages whose delivery failed as in doubt on the delivery results topic. */
    private Set<String> inDoubt() {
        Set<String> ids = new java.util.HashSet<>();
        for (ConsumerRecord<String, String> record : readAll(Topics.DELIVERY_RESULTS.name())) {
            JsonNode event = EventJson.mapper().readTree(record.value());
            if (DeliveryFailed.IN_DOUBT.equals(event.path("error_code").asString())) {
                ids.add(event.path("message_id").asString());
            }
        }
        return ids;
    }

    private long repeatedCreations() {
        Map<String, Long> created = new HashMap<>();
        for (ConsumerRecord<String, String> record : readAll(Topics.CONVERSATION_EVENTS.name())) {
            JsonNode event = EventJson.mapper().readTree(record.value());
            if ("message_created".equals(event.path("type").asString())) {
                created.merge(event.path("message").path("id").asString(), 1L, Long::sum);
            }
        }
        return excess(created);
    }

    /** Every committed record of a topic, from the beginning to its end now. */
    private List<ConsumerRecord<String, String>> readAll(String topic) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafka().bootstrapServers());
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(topic, info.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))
                    && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(500)).forEach(records::add);
            }
        }
        return records;
    }

    private static long excess(Map<String, Long> counts) {
        return counts.values().stream().mapToLong(count -> count - 1).sum();
    }

    private long count(String sql) {
        try (Connection connection = stack.database().connect();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        } catch (SQLException e) {
            return -1;
        }
    }

    private Map<String, Long> counts(String sql) throws SQLException {
        Map<String, Long> counts = new HashMap<>();
        query(sql, row -> counts.put(row.getString(1), row.getLong(2)));
        return counts;
    }

    private interface RowHandler {
        void row(ResultSet row) throws SQLException;
    }

    private void query(String sql, RowHandler handler) throws SQLException {
        try (Connection connection = stack.database().connect();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                handler.row(rows);
            }
        }
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
