package net.fiko.connector.telegram.channel;

import java.time.Instant;

/** A tenant's registered bot, without its token (which never leaves {@link Channels}). */
public record Channel(String id, String tenantId, long botId, String botUsername, String status, Instant createdAt) {}
