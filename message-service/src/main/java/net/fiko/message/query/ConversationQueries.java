package net.fiko.message.query;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import net.fiko.events.Agent;
import net.fiko.events.ConversationSnapshot;
import net.fiko.events.ConversationStatus;
import net.fiko.events.Customer;
import net.fiko.events.Message;
import net.fiko.events.Platform;
import net.fiko.events.query.ConversationFilter;
import net.fiko.message.conversation.Conversations;
import net.fiko.message.conversation.MessageRows;
import net.fiko.message.conversation.UnreadCounts;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The read side: a tenant's conversations as the list shows them ({@link MessageQueries} has their histories). Every
 * query is scoped to the tenant; another tenant's conversation is reported exactly like a missing one.
 */
@Service
@Transactional(readOnly = true)
public class ConversationQueries {

    private static final String CONVERSATION_COLUMNS =
            "c.id, c.title, c.source, c.status, c.created_at, c.updated_at, c.reply_allowed_until, c.snoozed_until, "
                    + "c.assignee_user_id, c.assignee_username, c.assignee_user_id_is_number, "
                    + MessageRows.CUSTOMER_COLUMNS;

    private static final RowMapper<Row> ROW = (row, n) -> new Row(
            row.getObject("id", UUID.class),
            row.getString("title"),
            row.getString("source"),
            row.getString("status"),
            MessageRows.customer(row),
            row.getTimestamp("created_at").toInstant(),
            row.getTimestamp("updated_at").toInstant(),
            instant(row.getTimestamp("reply_allowed_until")),
            instant(row.getTimestamp("snoozed_until")),
            MessageRows.assignee(row));

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    private final NamedParameterJdbcTemplate jdbc;
    private final UnreadCounts unread;

    ConversationQueries(NamedParameterJdbcTemplate jdbc, UnreadCounts unread) {
        this.jdbc = jdbc;
        this.unread = unread;
    }

    /** A page of conversations, most recently updated first. */
    public ConversationPage list(String tenantId, ConversationFilter filter, int page, int pageSize) {
        return list(tenantId, null, filter, page, pageSize);
    }

    /**
     * A page of conversations, most recently updated first; {@code userId}, the agent asking, is whom the filter
     * {@code assignee: mine} means.
     */
    public ConversationPage list(String tenantId, String userId, ConversationFilter filter, int page, int pageSize) {
        var where = new StringBuilder(" FROM conversations c JOIN customers cu ON cu.id = c.customer_id"
                + " LEFT JOIN conversation_reads r ON r.conversation_id = c.id WHERE c.tenant_id = :tenant");
        var params = new MapSqlParameterSource("tenant", tenantId);
        if (filter != null) {
            if (filter.status() != null) {
                where.append(" AND c.status = :status");
                params.addValue("status", filter.status().toLowerCase(Locale.ROOT));
            }
            if (ConversationFilter.MINE.equals(filter.assignee())) {
                where.append(" AND c.assignee_user_id = :assignee");
                params.addValue("assignee", userId == null ? "" : userId);
            } else if (ConversationFilter.UNASSIGNED.equals(filter.assignee())) {
                where.append(" AND c.assignee_user_id IS NULL");
            }
            if (filter.source() != null) {
                where.append(" AND c.source = :source");
                params.addValue("source", filter.source().toLowerCase(Locale.ROOT));
            }
            if (filter.search() != null && !filter.search().isBlank()) {
                where.append(" AND (c.title ILIKE :search OR cu.first_name ILIKE :search OR cu.last_name ILIKE :search"
                        + " OR cu.username ILIKE :search)");
                params.addValue("search", "%" + likeEscaped(filter.search().strip()) + "%");
            }
            if (Boolean.TRUE.equals(filter.unreadOnly())) {
                where.append(" AND EXISTS (SELECT 1 FROM messages u WHERE u.conversation_id = c.id"
                        + " AND u.type = 'customer' AND u.sequence > coalesce(r.last_read_sequence, 0))");
            }
        }
        long total = jdbc.queryForObject("SELECT count(*)" + where, params, Long.class);
        params.addValue("limit", pageSize).addValue("offset", (long) (page - 1) * pageSize);
        List<Row> rows = jdbc.query(
                "SELECT " + CONVERSATION_COLUMNS + where
                        + " ORDER BY c.updated_at DESC, c.id LIMIT :limit OFFSET :offset",
                params,
                ROW);
        List<ConversationSnapshot> snapshots = snapshots(rows);
        return new ConversationPage(snapshots, page, pageSize, total, (long) page * pageSize < total);
    }

    /** One conversation as the list shows it. */
    public Optional<ConversationSnapshot> find(String tenantId, String conversationId) {
        Optional<UUID> id = Conversations.parse(conversationId);
        if (id.isEmpty()) {
            return Optional.empty();
        }
        List<Row> rows = jdbc.query(
                "SELECT " + CONVERSATION_COLUMNS + " FROM conversations c JOIN customers cu ON cu.id = c.customer_id"
                        + " WHERE c.tenant_id = :tenant AND c.id = :id",
                new MapSqlParameterSource("tenant", tenantId).addValue("id", id.get()),
                ROW);
        return snapshots(rows).stream().findFirst();
    }

    private List<ConversationSnapshot> snapshots(List<Row> rows) {
        if (rows.isEmpty()) {
            return List.of();
        }
        List<UUID> ids = rows.stream().map(Row::id).toList();
        Map<UUID, Long> counts = unread.of(ids);
        Map<UUID, Message> last = new HashMap<>();
        Map<UUID, Customer> customers = new HashMap<>();
        rows.forEach(row -> customers.put(row.id(), row.customer()));
        jdbc.query(
                "SELECT DISTINCT ON (m.conversation_id) " + MessageRows.MESSAGE_COLUMNS
                        + " FROM messages m WHERE m.conversation_id IN (:ids) ORDER BY m.conversation_id, m.sequence DESC",
                new MapSqlParameterSource("ids", ids),
                row -> {
                    UUID conversation = row.getObject("conversation_id", UUID.class);
                    last.put(conversation, MessageRows.message(row, customers.get(conversation)));
                });
        return rows.stream()
                .map(row -> new ConversationSnapshot(
                        row.id().toString(),
                        row.title(),
                        Platform.valueOf(row.source().toUpperCase(Locale.ROOT)),
                        ConversationStatus.valueOf(row.status().toUpperCase(Locale.ROOT)),
                        row.customer(),
                        last.get(row.id()),
                        counts.getOrDefault(row.id(), 0L),
                        row.createdAt(),
                        row.updatedAt(),
                        row.replyAllowedUntil(),
                        row.snoozedUntil(),
                        row.assignee()))
                .toList();
    }

    private static String likeEscaped(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    private record Row(
            UUID id,
            String title,
            String source,
            String status,
            Customer customer,
            Instant createdAt,
            Instant updatedAt,
            Instant replyAllowedUntil,
            Instant snoozedUntil,
            Agent assignee) {}

    /** A page of the conversation list. */
    public record ConversationPage(
            List<ConversationSnapshot> conversations, int page, int pageSize, long total, boolean hasNext) {}
}
