package net.fiko.message.conversation;

import java.util.Set;
import net.fiko.events.ConversationSnapshot;
import net.fiko.events.Message;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** A locked conversation as the events that announce a change to it carry it: with its newest message and unread count. */
@Component
public class Snapshots {

    private final JdbcTemplate jdbc;
    private final UnreadCounts unreadCounts;

    Snapshots(JdbcTemplate jdbc, UnreadCounts unreadCounts) {
        this.jdbc = jdbc;
        this.unreadCounts = unreadCounts;
    }

    /** The conversation as it now is. */
    public ConversationSnapshot of(LockedConversation conversation) {
        return conversation.toSnapshot(
                lastMessage(conversation),
                unreadCounts.of(Set.of(conversation.id())).getOrDefault(conversation.id(), 0L));
    }

    /** The conversation's newest message; null when it has none. */
    public Message lastMessage(LockedConversation conversation) {
        return jdbc
                .query(
                        "SELECT " + MessageRows.MESSAGE_COLUMNS
                                + " FROM messages m WHERE m.conversation_id = ? ORDER BY m.sequence DESC LIMIT 1",
                        (row, n) -> MessageRows.message(row, conversation.customer()),
                        conversation.id())
                .stream()
                .findFirst()
                .orElse(null);
    }
}
