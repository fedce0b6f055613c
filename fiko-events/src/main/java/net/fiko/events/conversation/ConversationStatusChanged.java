package net.fiko.events.conversation;

import com.fasterxml.jackson.annotation.JsonValue;
import java.time.Instant;
import java.util.Locale;
import net.fiko.events.Agent;
import net.fiko.events.ConversationSnapshot;
import net.fiko.events.ConversationStatus;

/**
 * The conversation's status changed: an agent resolved, reopened or snoozed it ({@code agent} says who), its customer
 * wrote while it was resolved or snoozed, or its snooze ended. Carries the conversation as it now is.
 */
public record ConversationStatusChanged(
        String eventId,
        Instant occurredAt,
        String tenantId,
        String conversationId,
        ConversationStatus status,
        ConversationStatus previousStatus,
        Instant snoozedUntil,
        Reason reason,
        Agent agent,
        ConversationSnapshot conversation)
        implements ConversationEvent {

    /** Why the status changed. */
    public enum Reason {
        /** An agent asked ({@code agent} is set). */
        AGENT,
        /** The customer wrote to a resolved or snoozed conversation. */
        CUSTOMER_WROTE,
        /** A snoozed conversation's time came. */
        SNOOZE_ENDED;

        @JsonValue
        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
