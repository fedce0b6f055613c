package net.fiko.connector.kit.delivery;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What was sent, and what was being sent: one row per reply ({@code sent_messages}, which each connector's migrations
 * create) with the platform's ids of the parts it took and a state. The row is written before every call to the
 * platform ({@code calling}) and again once the platform answered ({@code partial} between the parts of a long reply,
 * {@code sent} after the last). A command that comes again (a redelivery, a replay) finds its row: sent, it is
 * reported sent without a second call; partial, only the parts left go; calling, the process stopped while the platform
 * was taking a part, and nobody can tell whether it did: the reply is in doubt.
 */
public final class SendLedger {

    private static final String UPSERT =
            "INSERT INTO sent_messages (message_id, channel_id, platform_message_ids, attempts, sent_at, state)"
                    + " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (message_id) DO UPDATE SET"
                    + " platform_message_ids = excluded.platform_message_ids, attempts = excluded.attempts,"
                    + " sent_at = excluded.sent_at, state = excluded.state";

    private final JdbcTemplate jdbc;
    /** Replies the platform took whose row the database could not take yet: never sent again while this process lives. */
    private final Map<String, Entry> unrecorded = new ConcurrentHashMap<>();

    public SendLedger(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** What the ledger knows of a reply: the ids of the parts the platform took, where it stood, its attempts. */
    record Entry(List<String> platformIds, State state, int attempts) {}

    /** Where a reply's delivery stood when its row was last written. */
    enum State {
        /** A call to the platform was made and its answer is not known. */
        CALLING,
        /** Some parts were sent, none is under way. */
        PARTIAL,
        /** Every part was sent, and the row is not written yet: only this process knows (never stored). */
        UNRECORDED,
        /** Every part was sent. */
        SENT
    }

    /** What this process or the ledger knows of a reply. */
    Optional<Entry> find(String messageId) {
        Entry inMemory = unrecorded.get(messageId);
        if (inMemory != null) {
            return Optional.of(inMemory);
        }
        return jdbc
                .query(
                        "SELECT platform_message_ids, state, attempts FROM sent_messages WHERE message_id = ?",
                        (row, n) -> new Entry(
                                ids(row.getString(1)),
                                State.valueOf(row.getString(2).toUpperCase(Locale.ROOT)),
                                row.getInt(3)),
                        messageId)
                .stream()
                .findFirst();
    }

    /** Before a call: the part after {@code platformIds} is being sent. */
    void calling(String messageId, String channelId, List<String> platformIds, int attempts, Instant at) {
        write(messageId, channelId, platformIds, attempts, at, State.CALLING);
    }

    /** The platform answered a call and parts are left (or it refused one): no call is under way. */
    void between(String messageId, String channelId, List<String> platformIds, int attempts, Instant at) {
        if (platformIds.isEmpty()) {
            jdbc.update("DELETE FROM sent_messages WHERE message_id = ? AND state <> 'sent'", messageId);
        } else {
            write(messageId, channelId, platformIds, attempts, at, State.PARTIAL);
        }
    }

    /** The platform took every part: kept in memory at once, so a database that refuses the row sends nothing twice. */
    void took(String messageId, List<String> platformIds, int attempts) {
        unrecorded.put(messageId, new Entry(List.copyOf(platformIds), State.UNRECORDED, attempts));
    }

    /** The platform took every part, and the row says so. */
    void sent(String messageId, String channelId, List<String> platformIds, int attempts, Instant at) {
        write(messageId, channelId, platformIds, attempts, at, State.SENT);
        unrecorded.remove(messageId);
    }

    private void write(
            String messageId, String channelId, List<String> platformIds, int attempts, Instant at, State state) {
        jdbc.update(
                UPSERT,
                messageId,
                channelId,
                String.join(",", platformIds),
                attempts,
                Timestamp.from(at),
                state.name().toLowerCase(Locale.ROOT));
    }

    private static List<String> ids(String joined) {
        return joined.isEmpty() ? List.of() : Arrays.asList(joined.split(","));
    }
}
