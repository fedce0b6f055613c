package net.fiko.events.query;

/** The list filters of the WebSocket protocol; every field may be null (no filter). */
public record ConversationFilter(String status, String source, String search, Boolean unreadOnly) {}
