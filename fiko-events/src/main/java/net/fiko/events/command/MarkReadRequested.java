package net.fiko.events.command;

import java.time.Instant;
import net.fiko.events.Agent;

/** An agent sent {@code mark_read}: the conversation's customer messages are read for the tenant. */
public record MarkReadRequested(String eventId, Instant occurredAt, String tenantId, String conversationId, Agent agent)
        implements GatewayCommand {}
