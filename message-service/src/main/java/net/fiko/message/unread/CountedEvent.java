package net.fiko.message.unread;

import java.time.Instant;
import net.fiko.events.MessageType;

/**
 * What the unread counter reads of a conversation event: its type, its tenant and time, a created message's type and
 * sequence, a read's point. Everything else, the conversation's snapshot above all, is skipped as the JSON is read,
 * never built into objects: the counter reads every event of every conversation and needs a few fields of each.
 */
record CountedEvent(String type, String tenantId, Instant occurredAt, CountedMessage message, Long upToSequence) {

    static final String MESSAGE_CREATED = "message_created";
    static final String MESSAGES_READ = "messages_read";

    /** The fields of a created message the count depends on. */
    record CountedMessage(MessageType type, long sequence) {}
}
