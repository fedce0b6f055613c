package net.fiko.message.conversation;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import net.fiko.events.Agent;
import net.fiko.events.Attachment;
import net.fiko.events.Customer;
import net.fiko.events.DeliveryStatus;
import net.fiko.events.EventJson;
import net.fiko.events.Message;
import net.fiko.events.MessageType;
import net.fiko.events.Platform;
import tools.jackson.core.type.TypeReference;

/** Reads messages and customers from SQL rows into the contract's shapes, for the read side. */
public final class MessageRows {

    public static final String MESSAGE_COLUMNS =
            "m.id, m.conversation_id, m.sequence, m.type, m.content, m.attachments,"
                    + " m.sender_user_id, m.sender_username, m.client_msg_id, m.platform_message_id, m.delivery_status,"
                    + " m.created_at";
    public static final String CUSTOMER_COLUMNS =
            "cu.id AS customer_id, cu.platform, cu.external_id, cu.first_name, cu.last_name, cu.username";

    private static final TypeReference<List<Attachment>> ATTACHMENTS = new TypeReference<>() {};

    private MessageRows() {}

    /** The conversation's assignee from {@code c.assignee_*}; null when unassigned. */
    public static Agent assignee(ResultSet row) throws SQLException {
        String userId = row.getString("assignee_user_id");
        return userId == null
                ? null
                : new Agent(userId, row.getString("assignee_username"), row.getBoolean("assignee_user_id_is_number"));
    }

    public static Customer customer(ResultSet row) throws SQLException {
        return new Customer(
                row.getLong("customer_id"),
                Platform.valueOf(row.getString("platform").toUpperCase(Locale.ROOT)),
                row.getString("external_id"),
                row.getString("first_name"),
                row.getString("last_name"),
                row.getString("username"));
    }

    public static Message message(ResultSet row, Customer customer) throws SQLException {
        String sender = row.getString("sender_user_id");
        return new Message(
                row.getString("id"),
                row.getString("conversation_id"),
                row.getLong("sequence"),
                MessageType.valueOf(row.getString("type").toUpperCase(Locale.ROOT)),
                row.getString("content"),
                EventJson.mapper().readValue(row.getString("attachments"), ATTACHMENTS),
                customer,
                sender == null ? null : new Agent(sender, row.getString("sender_username")),
                row.getString("client_msg_id"),
                row.getString("platform_message_id"),
                DeliveryStatus.valueOf(row.getString("delivery_status").toUpperCase(Locale.ROOT)),
                row.getTimestamp("created_at").toInstant());
    }
}
