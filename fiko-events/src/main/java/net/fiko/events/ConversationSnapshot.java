package net.fiko.events;

import java.time.Instant;

/**
 * A conversation as it is now: the shape of one entry of the WebSocket {@code conversations_list}.
 * {@code replyAllowedUntil} is the last moment the platform accepts a reply; null where replies are not limited.
 * {@code snoozedUntil}: when a snoozed conversation becomes active again (added in this version; null unless snoozed).
 * {@code assignee}: the agent the conversation is assigned to (added in this version; null when unassigned).
 */
public record ConversationSnapshot(
        String id,
        String title,
        Platform source,
        ConversationStatus status,
        Customer customer,
        Message lastMessage,
        long unreadCount,
        Instant createdAt,
        Instant updatedAt,
        Instant replyAllowedUntil,
        Instant snoozedUntil,
        Agent assignee) {}
