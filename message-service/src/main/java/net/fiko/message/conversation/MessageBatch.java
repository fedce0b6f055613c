package net.fiko.message.conversation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import net.fiko.events.ConversationSnapshot;
import net.fiko.events.ConversationStatus;
import net.fiko.events.FikoEvent;
import net.fiko.events.Message;
import net.fiko.events.MessageType;
import net.fiko.events.Topic;
import net.fiko.events.Topics;
import net.fiko.events.conversation.ConversationCreated;
import net.fiko.events.conversation.ConversationStatusChanged;
import net.fiko.events.conversation.ConversationUpdated;
import net.fiko.events.conversation.MessageCreated;
import net.fiko.message.outbox.Outbox;

/**
 * Messages on their way into their locked conversations, in the order they are added: each is numbered by its
 * conversation ({@link LockedConversation#nextSequence}, the only place messages are numbered) and announced with
 * the conversation as it then is, its unread count included. Nothing is written until {@link #write}.
 */
public final class MessageBatch {

    private final MessageWriter writer;
    private final Map<UUID, LockedConversation> locked;
    private final Map<UUID, Long> unread;
    private final Instant now;
    private final List<Message> messages = new ArrayList<>();
    private final List<Outbox.Entry> events = new ArrayList<>();

    MessageBatch(MessageWriter writer, Map<UUID, LockedConversation> locked, Map<UUID, Long> unread, Instant now) {
        this.writer = writer;
        this.locked = locked;
        this.unread = unread;
        this.now = now;
    }

    /** The tenant's conversation, if this batch locked it; empty for a missing or another tenant's conversation. */
    public Optional<LockedConversation> conversation(String conversationId, String tenantId) {
        return Conversations.parse(conversationId)
                .map(locked::get)
                .filter(conversation -> conversation.tenantId().equals(tenantId));
    }

    /** Numbers the message in its conversation and announces it. */
    public Message add(LockedConversation conversation, NewMessage message) {
        return add(conversation, message, false, false);
    }

    /**
     * Numbers the message and announces it: after the conversation itself if the message {@code opened} it, before
     * the conversation again if the message {@code renamed} its customer.
     */
    public Message add(LockedConversation conversation, NewMessage message, boolean opened, boolean renamed) {
        ConversationStatus before = conversation.status();
        // The customer wrote to a resolved or snoozed conversation: it is active again.
        boolean reopened =
                message.type() == MessageType.CUSTOMER && conversation.changeStatus(ConversationStatus.ACTIVE, null);
        Message stored = new Message(
                UUID.randomUUID().toString(),
                conversation.id().toString(),
                conversation.nextSequence(now),
                message.type(),
                message.content(),
                message.attachments(),
                conversation.customer(),
                message.sender(),
                message.clientMsgId(),
                message.platformMessageId(),
                message.status(),
                now);
        messages.add(stored);
        long unreadCount = message.type() == MessageType.CUSTOMER
                ? unread.merge(conversation.id(), 1L, Long::sum)
                : unread.getOrDefault(conversation.id(), 0L);
        ConversationSnapshot snapshot = conversation.toSnapshot(stored, unreadCount);
        String tenantId = conversation.tenantId();
        if (opened) {
            also(
                    Topics.CONVERSATION_EVENTS,
                    new ConversationCreated(newEventId(), now, tenantId, stored.conversationId(), snapshot));
        }
        also(
                Topics.CONVERSATION_EVENTS,
                new MessageCreated(newEventId(), now, tenantId, stored.conversationId(), stored, snapshot));
        if (renamed) {
            also(
                    Topics.CONVERSATION_EVENTS,
                    new ConversationUpdated(newEventId(), now, tenantId, stored.conversationId(), snapshot));
        }
        if (reopened) {
            also(
                    Topics.CONVERSATION_EVENTS,
                    new ConversationStatusChanged(
                            newEventId(),
                            now,
                            tenantId,
                            stored.conversationId(),
                            ConversationStatus.ACTIVE,
                            before,
                            null,
                            ConversationStatusChanged.Reason.CUSTOMER_WROTE,
                            null,
                            snapshot));
        }
        return stored;
    }

    /** Another event of this change, after those of the messages added so far. */
    public <V extends FikoEvent> void also(Topic<? super V> topic, V event) {
        events.add(Outbox.Entry.of(topic, event));
    }

    /** When the batch's messages are stored. */
    public Instant now() {
        return now;
    }

    /** Stores the messages, writes back their conversations and appends the events, in the caller's transaction. */
    public void write() {
        writer.write(messages, locked.values(), events);
    }

    private static String newEventId() {
        return UUID.randomUUID().toString();
    }
}
