package net.fiko.faults;

import java.sql.SQLException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import net.fiko.events.EventJson;
import net.fiko.events.Topics;
import net.fiko.events.delivery.DeliveryFailed;
import net.fiko.faults.check.Figures;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import tools.jackson.databind.JsonNode;

/**
 * What the platform was sent against what message-service shows: every reply once, each marked as it went, and the
 * replies in doubt (under way when the connector died, failed and shown to the agent) counted apart.
 */
final class PlatformChecks {

    /** The detail counting replies the fake Bot API accepted more than once. */
    static final String PLATFORM_REPEATS = "replies the platform got twice";

    /** The detail counting replies failed as in doubt: under way when the connector died, shown to the agent. */
    static final String IN_DOUBT = "replies in doubt, shown failed";

    private final Stack stack;
    private final Evidence evidence;

    PlatformChecks(Stack stack, Evidence evidence) {
        this.stack = stack;
        this.evidence = evidence;
    }

    void check(Figures.Builder figures) throws SQLException {
        Map<String, Integer> delivered = stack.telegramApi().acceptedTexts();
        Map<String, String> statuses = new HashMap<>();
        Map<String, String> texts = new HashMap<>();
        evidence.query("SELECT id::text, content, delivery_status FROM messages WHERE type = 'support'", row -> {
            texts.put(row.getString(1), row.getString(2));
            statuses.put(row.getString(2), row.getString(3));
        });
        // Replies whose call was under way when the connector died: failed, told to the agent, not sent again.
        Set<String> inDoubt = inDoubt().stream()
                .map(texts::get)
                .filter(text -> text != null && "failed".equals(statuses.get(text)))
                .collect(Collectors.toSet());
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
                        .filter(e ->
                                !e.getValue().equals("sent") && !e.getValue().equals("delivered"))
                        .filter(e -> !inDoubt.contains(e.getKey()))
                        .count());
        figures.detail(IN_DOUBT, inDoubt.size());
        figures.detail(
                "of which the platform got",
                inDoubt.stream().filter(delivered::containsKey).count());
        figures.detail("platform refusals (500, 429)", stack.telegramApi().refusedSends());
        figures.detail("replies shown failed before they were sent", failedThenSent());
    }

    /** Replies announced failed on the stream that are sent now: agents saw a failure that was not one. */
    private long failedThenSent() throws SQLException {
        Set<String> announcedFailed = new HashSet<>();
        for (ConsumerRecord<String, String> record : evidence.readAll(Topics.CONVERSATION_EVENTS.name())) {
            JsonNode event = EventJson.mapper().readTree(record.value());
            if ("delivery_updated".equals(event.path("type").asString())
                    && "failed".equals(event.path("status").asString())) {
                announcedFailed.add(event.path("message_id").asString());
            }
        }
        Set<String> sent = new HashSet<>();
        evidence.query(
                "SELECT id::text FROM messages WHERE type = 'support' AND delivery_status = 'sent'",
                row -> sent.add(row.getString(1)));
        return announcedFailed.stream().filter(sent::contains).count();
    }

    /** Messages whose delivery failed as in doubt on the delivery results topic. */
    private Set<String> inDoubt() {
        Set<String> ids = new HashSet<>();
        for (ConsumerRecord<String, String> record : evidence.readAll(Topics.DELIVERY_RESULTS.name())) {
            JsonNode event = EventJson.mapper().readTree(record.value());
            if (DeliveryFailed.IN_DOUBT.equals(event.path("error_code").asString())) {
                ids.add(event.path("message_id").asString());
            }
        }
        return ids;
    }
}
