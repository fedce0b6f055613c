package net.fiko.message.query;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import net.fiko.events.Message;
import net.fiko.message.conversation.Conversations;
import net.fiko.message.conversation.MessageRows;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The read side's histories: a conversation's messages in pages, oldest first, and what a resuming client missed.
 * Scoped to the tenant like {@link ConversationQueries}: another tenant's conversation is reported as missing.
 */
@Service
@Transactional(readOnly = true)
public class MessageQueries {

    private static final String MESSAGES = "SELECT " + MessageRows.MESSAGE_COLUMNS + ", " + MessageRows.CUSTOMER_COLUMNS
            + " FROM messages m JOIN conversations c ON c.id = m.conversation_id"
            + " JOIN customers cu ON cu.id = c.customer_id WHERE m.conversation_id = :conversation";

    private final NamedParameterJdbcTemplate jdbc;
    private final ConversationQueries conversations;

    MessageQueries(NamedParameterJdbcTemplate jdbc, ConversationQueries conversations) {
        this.jdbc = jdbc;
        this.conversations = conversations;
    }

    /**
     * The newest {@code limit} messages before {@code beforeMessageId} (or the newest of all), oldest first; empty if
     * the conversation is not the tenant's, or {@code beforeMessageId} is not one of its messages.
     */
    public Optional<MessagePage> history(String tenantId, String conversationId, String beforeMessageId, int limit) {
        Optional<UUID> id = tenantsConversation(tenantId, conversationId);
        if (id.isEmpty()) {
            return Optional.empty();
        }
        var params = new MapSqlParameterSource("conversation", id.get()).addValue("limit", limit + 1);
        String before = "";
        if (beforeMessageId != null) {
            Optional<Long> sequence = sequenceOf(id.get(), beforeMessageId);
            if (sequence.isEmpty()) {
                return Optional.empty();
            }
            before = " AND m.sequence < :before";
            params.addValue("before", sequence.get());
        }
        List<Message> newestFirst = jdbc.query(
                MESSAGES + before + " ORDER BY m.sequence DESC LIMIT :limit",
                params,
                (row, n) -> MessageRows.message(row, MessageRows.customer(row)));
        boolean hasMore = newestFirst.size() > limit;
        List<Message> page = new ArrayList<>(newestFirst.subList(0, Math.min(limit, newestFirst.size())));
        Collections.reverse(page);
        return Optional.of(new MessagePage(
                page, hasMore, page.isEmpty() ? 0 : page.get(page.size() - 1).sequence()));
    }

    /**
     * For a client resuming after {@code sinceMessageId}: the messages after it, oldest first, at most {@code max};
     * empty if the conversation is not the tenant's, the message is not one of its messages, or more than {@code max}
     * came after it.
     */
    public Optional<MessagePage> since(String tenantId, String conversationId, String sinceMessageId, int max) {
        Optional<Long> sequence =
                tenantsConversation(tenantId, conversationId).flatMap(id -> sequenceOf(id, sinceMessageId));
        if (sequence.isEmpty()) {
            return Optional.empty();
        }
        List<Message> after = jdbc.query(
                MESSAGES + " AND m.sequence > :since ORDER BY m.sequence LIMIT :limit",
                new MapSqlParameterSource("conversation", UUID.fromString(conversationId))
                        .addValue("since", sequence.get())
                        .addValue("limit", max + 1),
                (row, n) -> MessageRows.message(row, MessageRows.customer(row)));
        if (after.size() > max) {
            return Optional.empty();
        }
        long through =
                after.isEmpty() ? sequence.get() : after.get(after.size() - 1).sequence();
        return Optional.of(new MessagePage(after, false, through));
    }

    private Optional<UUID> tenantsConversation(String tenantId, String conversationId) {
        return Conversations.parse(conversationId)
                .filter(id -> conversations.find(tenantId, conversationId).isPresent());
    }

    /** The sequence of one of the conversation's messages; empty for an id that is not one of them. */
    private Optional<Long> sequenceOf(UUID conversation, String messageId) {
        return Conversations.parse(messageId)
                .flatMap(id -> jdbc
                        .queryForList(
                                "SELECT sequence FROM messages WHERE id = :id AND conversation_id = :conversation",
                                new MapSqlParameterSource("id", id).addValue("conversation", conversation),
                                Long.class)
                        .stream()
                        .findFirst());
    }

    /**
     * A page of history, oldest first; {@code hasMore}: older messages exist; {@code throughSequence}: the newest
     * message it accounts for (on a resume, the message resumed from when nothing came after it).
     */
    public record MessagePage(List<Message> messages, boolean hasMore, long throughSequence) {}
}
