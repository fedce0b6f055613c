package net.fiko.gateway.endpoint;

import java.time.Instant;
import net.fiko.events.command.ConversationAssignmentRequested;
import net.fiko.events.command.ConversationStatusRequested;
import net.fiko.events.command.GatewayCommand;
import net.fiko.gateway.hub.ClientSession;
import net.fiko.gateway.protocol.ClientFrames;
import net.fiko.gateway.protocol.ConversationCommands;
import net.fiko.gateway.protocol.ErrorCode;

/**
 * The commands of a chat socket's status and assignment frames, for message-service: resolve, reopen, snooze (a time
 * in the future and within a year, else an error naming {@code until}), assign (to another agent, or to the agent
 * asking) and unassign.
 */
final class ConversationChanges {

    private ConversationChanges() {}

    /** The command the frame asks for, or null when it was refused (the error is sent). */
    static GatewayCommand command(ClientSession session, ClientFrames.ClientFrame frame, Instant now, String eventId) {
        String tenantId = session.user().tenantId();
        if (frame instanceof ConversationCommands.StatusChange change) {
            if (ConversationStatusRequested.problem(change.status(), change.snoozedUntil(), now) != null) {
                session.sendError(ErrorCode.INVALID_VALUE, "until", null);
                return null;
            }
            return new ConversationStatusRequested(
                    eventId,
                    now,
                    tenantId,
                    session.conversationId(),
                    session.user().agent(),
                    change.status(),
                    change.snoozedUntil());
        }
        ConversationCommands.Assignment assignment = (ConversationCommands.Assignment) frame;
        return new ConversationAssignmentRequested(
                eventId,
                now,
                tenantId,
                session.conversationId(),
                session.user().agent(),
                assignment.self() ? session.user().userId() : assignment.userId());
    }
}
