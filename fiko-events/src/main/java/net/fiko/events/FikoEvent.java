package net.fiko.events;

import java.time.Instant;

/**
 * The envelope every event on a Fiko topic carries. Serialized flat, beside the event's own fields:
 * {@code {"type": "...", "event_id": "...", "occurred_at": "...", "tenant_id": "...", "conversation_id": "...", ...}}.
 */
public interface FikoEvent {

    /** Unique per event; consumers use it to drop a redelivered event. */
    String eventId();

    /** When the fact the event records happened, UTC. */
    Instant occurredAt();

    /** The business the event belongs to. */
    String tenantId();

    /** The conversation, and the Kafka key; {@code null} only for tenant-wide queries and their answers. */
    String conversationId();

    /** The Kafka record key: everything of one conversation shares a partition and stays in order. */
    default String partitionKey() {
        return conversationId() != null ? conversationId() : tenantId();
    }
}
