package net.fiko.message.conversation;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;
import net.fiko.events.Agent;
import net.fiko.events.ConversationSnapshot;
import net.fiko.events.ConversationStatus;
import net.fiko.events.Customer;
import net.fiko.events.Message;
import net.fiko.events.Platform;

/**
 * A conversation row locked for a batch of messages, read and written with plain SQL ({@link Conversations#lockAll},
 * {@link Conversations#saveAll}): the write model's one place that numbers messages and says where replies go. The
 * title and the customer are read only here; a message that changes them goes through {@link Conversations#openFor}
 * ({@link ConversationEntity}) first.
 */
public final class LockedConversation {

    static final String COLUMNS = "c.id, c.tenant_id, c.title, c.source, c.status, c.channel_id, c.external_chat_id,"
            + " c.last_sequence, c.created_at, c.updated_at, c.reply_allowed_until, c.snoozed_until,"
            + " c.assignee_user_id, c.assignee_username, c.assignee_user_id_is_number, "
            + MessageRows.CUSTOMER_COLUMNS;

    private final UUID id;
    private final String tenantId;
    private final String title;
    private final Platform source;
    private ConversationStatus status;
    private Instant snoozedUntil;
    private Agent assignee;
    private final Customer customer;
    private final Instant createdAt;
    private String channelId;
    private String externalChatId;
    private Instant replyAllowedUntil;
    private long lastSequence;
    private Instant updatedAt;
    private boolean changed;

    private LockedConversation(ResultSet row) throws SQLException {
        this.id = row.getObject("id", UUID.class);
        this.tenantId = row.getString("tenant_id");
        this.title = row.getString("title");
        this.source = Platform.valueOf(row.getString("source").toUpperCase(Locale.ROOT));
        this.status = ConversationStatus.valueOf(row.getString("status").toUpperCase(Locale.ROOT));
        this.channelId = row.getString("channel_id");
        this.externalChatId = row.getString("external_chat_id");
        this.customer = MessageRows.customer(row);
        this.lastSequence = row.getLong("last_sequence");
        this.createdAt = row.getTimestamp("created_at").toInstant();
        this.updatedAt = row.getTimestamp("updated_at").toInstant();
        var until = row.getTimestamp("reply_allowed_until");
        this.replyAllowedUntil = until == null ? null : until.toInstant();
        var snoozed = row.getTimestamp("snoozed_until");
        this.snoozedUntil = snoozed == null ? null : snoozed.toInstant();
        this.assignee = MessageRows.assignee(row);
    }

    static LockedConversation read(ResultSet row, int rowNumber) throws SQLException {
        return new LockedConversation(row);
    }

    /** The next message number, without gaps; the row is written back by {@link Conversations#saveAll}. */
    public long nextSequence(Instant now) {
        lastSequence++;
        updatedAt = now;
        changed = true;
        return lastSequence;
    }

    /**
     * Sets the status ({@code snoozedUntil} with {@link ConversationStatus#SNOOZED} only); false when it is so already.
     * The list orders by {@code updated_at}, which a status change leaves as it is.
     */
    public boolean changeStatus(ConversationStatus status, Instant snoozedUntil) {
        Instant until = status == ConversationStatus.SNOOZED ? Objects.requireNonNull(snoozedUntil) : null;
        if (this.status == status && Objects.equals(this.snoozedUntil, until)) {
            return false;
        }
        this.status = status;
        this.snoozedUntil = until;
        this.changed = true;
        return true;
    }

    /** Assigns the conversation to the agent, or unassigns it ({@code null}); false when it is so already. */
    public boolean assign(Agent agent) {
        if (Objects.equals(assignee == null ? null : assignee.userId(), agent == null ? null : agent.userId())) {
            return false;
        }
        this.assignee = agent;
        this.changed = true;
        return true;
    }

    /** Takes where a customer's message came from (see {@link #replyTo}) and the platform's reply deadline. */
    public void receivedFrom(String channelId, String externalChatId, Instant replyAllowedUntil) {
        if (replyTo(channelId, externalChatId)) {
            this.replyAllowedUntil = replyAllowedUntil;
        }
    }

    /**
     * Where replies go from now on: the chat last heard from, on the conversation's own channel, which never changes
     * (one conversation per customer and channel); a message through another channel moves nothing: false then.
     */
    public boolean replyTo(String channelId, String externalChatId) {
        if (this.channelId != null && !this.channelId.equals(channelId)) {
            return false;
        }
        this.channelId = channelId;
        this.externalChatId = externalChatId;
        this.changed = true;
        return true;
    }

    /**
     * True if the profile a platform reports changes nothing stored for the customer, under the rule of
     * {@link CustomerEntity#updateProfile}: a name or username it reports replaces the stored one.
     */
    public boolean keepsCustomer(Customer profile) {
        boolean sameName = profile.firstName() == null
                || (profile.firstName().equals(customer.firstName())
                        && Objects.equals(profile.lastName(), customer.lastName()));
        return sameName && (profile.username() == null || profile.username().equals(customer.username()));
    }

    public ConversationSnapshot toSnapshot(Message lastMessage, long unreadCount) {
        return new ConversationSnapshot(
                id.toString(),
                title,
                source,
                status,
                customer,
                lastMessage,
                unreadCount,
                createdAt,
                updatedAt,
                replyAllowedUntil,
                snoozedUntil,
                assignee);
    }

    boolean changed() {
        return changed;
    }

    public UUID id() {
        return id;
    }

    public String tenantId() {
        return tenantId;
    }

    public Platform source() {
        return source;
    }

    public String channelId() {
        return channelId;
    }

    public String externalChatId() {
        return externalChatId;
    }

    public Customer customer() {
        return customer;
    }

    public long lastSequence() {
        return lastSequence;
    }

    Instant updatedAt() {
        return updatedAt;
    }

    Instant replyAllowedUntil() {
        return replyAllowedUntil;
    }

    public ConversationStatus status() {
        return status;
    }

    public Instant snoozedUntil() {
        return snoozedUntil;
    }

    public Agent assignee() {
        return assignee;
    }
}
