package net.fiko.message.conversation;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import net.fiko.events.inbound.InboundMessage;
import net.fiko.message.system.SqlArrays;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The conversations connectors' ids stand for where the two differ: a conversation opened before ids named the
 * channel keeps its first id, and the id a connector now derives for its customer on its channel is an alias of it
 * (written by migration V8, and by {@link Conversations} when a message finds such a conversation by its customer
 * and channel). Every inbound event is filed under the conversation, never the alias.
 */
@Component
public class ConversationAliases {

    private final JdbcTemplate jdbc;

    ConversationAliases(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The events, each naming the conversation its id stands for: one query for the batch. */
    public List<InboundMessage> resolve(List<InboundMessage> events) {
        Set<UUID> ids = events.stream()
                .map(event -> Conversations.parse(event.conversationId()))
                .flatMap(java.util.Optional::stream)
                .collect(Collectors.toSet());
        if (ids.isEmpty()) {
            return events;
        }
        Map<String, String> conversations = new HashMap<>();
        jdbc.query(
                "SELECT alias, conversation_id FROM conversation_aliases WHERE alias = ANY (?)",
                statement -> statement.setArray(1, SqlArrays.uuids(statement, ids)),
                row -> {
                    conversations.put(row.getString(1), row.getString(2));
                });
        if (conversations.isEmpty()) {
            return events;
        }
        return events.stream()
                .map(event -> conversations.containsKey(event.conversationId())
                        ? event.withConversationId(conversations.get(event.conversationId()))
                        : event)
                .toList();
    }

    void record(UUID alias, UUID conversationId) {
        jdbc.update(
                "INSERT INTO conversation_aliases (alias, conversation_id) VALUES (?, ?) ON CONFLICT DO NOTHING",
                alias,
                conversationId);
    }
}
