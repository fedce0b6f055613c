package net.fiko.events.unread;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonTypeName;
import java.time.Instant;
import net.fiko.events.FikoEvent;

/**
 * The number of customer messages no agent has read yet; compacted topic {@code fiko.unread.counts}, so its
 * latest value per conversation is the current count. {@code sequence} is the highest message sequence the count
 * includes and {@code readUpTo} the read mark it applied: of two counts of a conversation, the one with the higher
 * {@code sequence} (then {@code readUpTo}) is the newer. Both are absent on counts published before they existed.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonTypeName("unread_count_changed")
public record UnreadCountChanged(
        String eventId,
        Instant occurredAt,
        String tenantId,
        String conversationId,
        long unreadCount,
        Long sequence,
        Long readUpTo)
        implements FikoEvent {}
