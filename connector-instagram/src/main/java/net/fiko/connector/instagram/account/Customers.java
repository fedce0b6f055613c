package net.fiko.connector.instagram.account;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * Each conversation's Instagram customer: the account and IGSID replies and typing go to, when the customer last
 * wrote (Meta's reply window runs from then), and their profile as last fetched.
 */
@Service
public class Customers {

    private final JdbcTemplate jdbc;

    Customers(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Remembers where the conversation's customer is; {@code wroteAt}, if given, moves the window forward only. */
    public void remember(String conversationId, String tenantId, String channelId, String igsid, Instant wroteAt) {
        jdbc.update(
                "INSERT INTO customers (conversation_id, tenant_id, channel_id, igsid, last_message_at)"
                        + " VALUES (?, ?, ?, ?, ?) ON CONFLICT (conversation_id) DO UPDATE"
                        + " SET channel_id = excluded.channel_id, igsid = excluded.igsid,"
                        + " last_message_at = greatest(customers.last_message_at, excluded.last_message_at)",
                conversationId,
                tenantId,
                channelId,
                igsid,
                wroteAt == null ? null : Timestamp.from(wroteAt));
    }

    /** The tenant's conversation's customer, if it is on one of the tenant's accounts. */
    public Optional<Customer> of(String tenantId, String conversationId) {
        return jdbc
                .query(
                        "SELECT * FROM customers WHERE conversation_id = ? AND tenant_id = ?",
                        Customers::read,
                        conversationId,
                        tenantId)
                .stream()
                .findFirst();
    }

    /**
     * The customer who wrote to the account with this IGSID, if they wrote before: their conversation may be one opened
     * before conversation ids named their account, whose id no derivation gives back.
     */
    public Optional<Customer> on(String channelId, String igsid) {
        return jdbc
                .query("SELECT * FROM customers WHERE channel_id = ? AND igsid = ?", Customers::read, channelId, igsid)
                .stream()
                .findFirst();
    }

    /** Forgets the conversation's customer (erased by the tenant): IGSID, profile, when they wrote. */
    public void forget(String tenantId, String conversationId) {
        jdbc.update("DELETE FROM customers WHERE conversation_id = ? AND tenant_id = ?", conversationId, tenantId);
    }

    /** Stores the customer's profile as the Graph API gave it. */
    public void profileFetched(String conversationId, String name, String username, Instant at) {
        jdbc.update(
                "UPDATE customers SET name = ?, username = ?, profile_fetched_at = ? WHERE conversation_id = ?",
                name,
                username,
                Timestamp.from(at),
                conversationId);
    }

    private static Customer read(java.sql.ResultSet row, int n) throws java.sql.SQLException {
        return new Customer(
                row.getString("conversation_id"),
                row.getString("channel_id"),
                row.getString("igsid"),
                instant(row.getTimestamp("last_message_at")),
                row.getString("name"),
                row.getString("username"),
                instant(row.getTimestamp("profile_fetched_at")));
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    /** A conversation's customer on Instagram. */
    public record Customer(
            String conversationId,
            String channelId,
            String igsid,
            Instant lastMessageAt,
            String name,
            String username,
            Instant profileFetchedAt) {}
}
