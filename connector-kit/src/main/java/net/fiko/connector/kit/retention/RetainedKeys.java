package net.fiko.connector.kit.retention;

import java.time.Duration;

/**
 * Deduplication keys a connector keeps for a while: the rows of {@code table} whose {@code timeColumn} is older than
 * {@code retention} are deleted every hour. A connector declares one bean of this per table (the kit's send ledger
 * included, {@link #sentMessages(Duration)}).
 *
 * @param what what the rows are, for the log line
 */
public record RetainedKeys(String table, String timeColumn, Duration retention, String what) {

    public RetainedKeys {
        if (!table.matches("[a-z_]+") || !timeColumn.matches("[a-z_]+")) {
            throw new IllegalArgumentException("Not a table and a column: " + table + "." + timeColumn);
        }
    }

    /** The kit's send ledger: longer than the outbound topic keeps commands (7 days), so no replay sends twice. */
    public static RetainedKeys sentMessages(Duration retention) {
        return new RetainedKeys("sent_messages", "sent_at", retention, "sent message ids");
    }
}
