package net.fiko.connector.telegram.channel;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * Which bot and Telegram chat each conversation is on, as learned from the customer's messages and from replies to
 * them. Events that name only a conversation (an agent typing) find the chat here.
 */
@Service
public class Chats {

    private final JdbcTemplate jdbc;
    private final Clock clock;

    Chats(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * Remembers where a conversation's customer is; the latest channel and chat win. The same place again writes
     * nothing: each customer's message comes here, and almost all of them from where the last one came.
     */
    public void remember(String conversationId, String tenantId, String channelId, long chatId) {
        rememberAll(List.of(new Place(conversationId, tenantId, channelId, chatId)));
    }

    /** {@link #remember} for many conversations, in one round trip; a conversation named twice ends at its last. */
    public void rememberAll(List<Place> places) {
        if (places.isEmpty()) {
            return;
        }
        Timestamp now = Timestamp.from(clock.instant());
        jdbc.batchUpdate(
                "INSERT INTO chats (conversation_id, tenant_id, channel_id, chat_id, updated_at)"
                        + " VALUES (?, ?, ?, ?, ?) ON CONFLICT (conversation_id) DO UPDATE"
                        + " SET channel_id = excluded.channel_id, chat_id = excluded.chat_id,"
                        + " updated_at = excluded.updated_at"
                        + " WHERE (chats.channel_id, chats.chat_id) IS DISTINCT FROM (excluded.channel_id, excluded.chat_id)",
                places.stream()
                        .map(p -> new Object[] {p.conversationId(), p.tenantId(), p.channelId(), p.chatId(), now})
                        .toList());
    }

    /** The tenant's conversation's chat, if its customer is on one of the tenant's bots. */
    public Optional<Chat> of(String tenantId, String conversationId) {
        return jdbc
                .query(
                        "SELECT channel_id, chat_id FROM chats WHERE conversation_id = ? AND tenant_id = ?",
                        (row, n) -> new Chat(row.getString(1), row.getLong(2)),
                        conversationId,
                        tenantId)
                .stream()
                .findFirst();
    }

    /** Forgets the conversation's chat (its customer was erased); their next message is remembered again. */
    public void forget(String tenantId, String conversationId) {
        jdbc.update("DELETE FROM chats WHERE conversation_id = ? AND tenant_id = ?", conversationId, tenantId);
    }

    /** Where a conversation's customer wrote from: a chat with one of the tenant's bots. */
    public record Place(String conversationId, String tenantId, String channelId, long chatId) {}

    /** A customer's private chat with a tenant's bot. */
    public record Chat(String channelId, long chatId) {}
}
