package net.fiko.gateway.protocol;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import net.fiko.events.ConversationStatus;
import net.fiko.gateway.protocol.ClientFrames.ClientFrame;
import net.fiko.gateway.protocol.ClientFrames.Refused;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The chat socket's commands on the conversation itself, extensions of the seed: {@code resolve_conversation},
 * {@code reopen_conversation}, {@code snooze_conversation {"until": "<ISO-8601 time>"}} (whether the time is in the
 * future and within a year is the handler's to check, against its clock), {@code assign_conversation {"user_id": …}}
 * (a string or a number; without it, the agent asking) and {@code unassign_conversation}.
 */
public final class ConversationCommands {

    static final String RESOLVE = "resolve_conversation";
    static final String REOPEN = "reopen_conversation";
    static final String SNOOZE = "snooze_conversation";
    static final String ASSIGN = "assign_conversation";
    static final String UNASSIGN = "unassign_conversation";

    private ConversationCommands() {}

    /** {@code resolve_conversation}, {@code reopen_conversation}, {@code snooze_conversation} . */
    public record StatusChange(ConversationStatus status, Instant snoozedUntil) implements ClientFrames.ClientFrame {}

    /** {@code assign_conversation} to {@code userId} or to the agent asking ({@code self}); {@code unassign_conversation}. */
    public record Assignment(String userId, boolean self) implements ClientFrames.ClientFrame {}

    static boolean isConversationCommand(String type) {
        return RESOLVE.equals(type)
                || REOPEN.equals(type)
                || SNOOZE.equals(type)
                || ASSIGN.equals(type)
                || UNASSIGN.equals(type);
    }

    static ClientFrame read(String type, ObjectNode frame) {
        if (UNASSIGN.equals(type)) {
            return new Assignment(null, false);
        }
        if (ASSIGN.equals(type)) {
            return assign(frame.get("user_id"));
        }
        if (RESOLVE.equals(type)) {
            return new StatusChange(ConversationStatus.RESOLVED, null);
        }
        if (REOPEN.equals(type)) {
            return new StatusChange(ConversationStatus.ACTIVE, null);
        }
        JsonNode until = frame.get("until");
        if (until == null || !until.isString()) {
            return new Refused(ErrorCode.INVALID_FIELD, "until", null);
        }
        if (!FrameFields.isPlainLine(until.asString(), FrameFields.MAX_NAME_LENGTH)) {
            return new Refused(ErrorCode.INVALID_VALUE, "until", null);
        }
        try {
            return new StatusChange(ConversationStatus.SNOOZED, Instant.parse(until.asString()));
        } catch (DateTimeParseException e) {
            return new Refused(ErrorCode.INVALID_VALUE, "until", null);
        }
    }

    private static ClientFrame assign(JsonNode userId) {
        if (userId == null || userId.isNull()) {
            return new Assignment(null, true);
        }
        if (!userId.isString() && !userId.isIntegralNumber()) {
            return new Refused(ErrorCode.INVALID_FIELD, "user_id", null);
        }
        String id = userId.asString();
        if (id.isBlank() || !FrameFields.isPlainLine(id, FrameFields.MAX_NAME_LENGTH)) {
            return new Refused(ErrorCode.INVALID_VALUE, "user_id", null);
        }
        return new Assignment(id, false);
    }
}
