package net.fiko.events.command;

import java.time.Duration;
import java.time.Instant;
import net.fiko.events.Agent;
import net.fiko.events.ConversationStatus;

/**
 * An agent resolved, reopened ({@code active}) or snoozed the conversation ({@code resolve_conversation},
 * {@code reopen_conversation}, {@code snooze_conversation} on a chat socket). {@code snoozedUntil} is set with
 * {@code snoozed} only.
 */
public record ConversationStatusRequested(
        String eventId,
        Instant occurredAt,
        String tenantId,
        String conversationId,
        Agent agent,
        ConversationStatus status,
        Instant snoozedUntil)
        implements GatewayCommand {

    /** How far ahead a conversation may be snoozed. */
    public static final Duration LONGEST_SNOOZE = Duration.ofDays(365);

    /**
     * What is wrong with a change an agent asks for, for the agent to read; null when nothing is: a snooze needs a time
     * after {@code now} and within {@link #LONGEST_SNOOZE}, and only a snooze takes one.
     */
    public static String problem(ConversationStatus status, Instant snoozedUntil, Instant now) {
        if (status == null) {
            return "status must be active, resolved or snoozed.";
        }
        if (status != ConversationStatus.SNOOZED) {
            return snoozedUntil == null ? null : "snoozed_until goes with status snoozed only.";
        }
        if (snoozedUntil == null || !snoozedUntil.isAfter(now)) {
            return "snoozed_until must be a time in the future.";
        }
        return snoozedUntil.isAfter(now.plus(LONGEST_SNOOZE)) ? "snoozed_until must be within a year." : null;
    }
}
