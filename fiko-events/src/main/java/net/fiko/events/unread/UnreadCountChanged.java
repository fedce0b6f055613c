package net.fiko.events.unread;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonTypeName;
import java.time.Instant;
import net.fiko.events.FikoEvent;

/**
 * The number of customer messages no agent has read yet; compacted topic {@code fiko.unread.counts}, so its
 * latest value per conversation is the current count.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonTypeName("unread_count_changed")
public record UnreadCountChanged(
        String eventId, Instant occurredAt, String tenantId, String conversationId, long unreadCount)
        implements FikoEvent {}
