package net.fiko.gateway.protocol;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import net.fiko.events.ConversationStatus;
import net.fiko.gateway.protocol.ClientFrames.ClientFrame;
import net.fiko.gateway.protocol.ClientFrames.Refused;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The chat socket's status commands, extensions of the seed: {@code resolve_conversation},
 * {@code reopen_conversation}, and {@code snooze_conversation {"until": "<ISO-8601 time>"}}. Whether the time is in
 * the future and within a year is the handler's to check, against its clock.
 */
final class StatusChanges {

    static final String RESOLVE = "resolve_conversation";
    static final String REOPEN = "reopen_conversation";
    static final String SNOOZE = "snooze_conversation";

    private StatusChanges() {}

    static boolean isStatusChange(String type) {
        return RESOLVE.equals(type) || REOPEN.equals(type) || SNOOZE.equals(type);
    }

    static ClientFrame read(String type, ObjectNode frame) {
        if (RESOLVE.equals(type)) {
            return new ClientFrames.StatusChange(ConversationStatus.RESOLVED, null);
        }
        if (REOPEN.equals(type)) {
            return new ClientFrames.StatusChange(ConversationStatus.ACTIVE, null);
        }
        JsonNode until = frame.get("until");
        if (until == null || !until.isString()) {
            return new Refused(ErrorCode.INVALID_FIELD, "until", null);
        }
        if (!FrameFields.isPlainLine(until.asString(), FrameFields.MAX_NAME_LENGTH)) {
            return new Refused(ErrorCode.INVALID_VALUE, "until", null);
        }
        try {
            return new ClientFrames.StatusChange(ConversationStatus.SNOOZED, Instant.parse(until.asString()));
        } catch (DateTimeParseException e) {
            return new Refused(ErrorCode.INVALID_VALUE, "until", null);
        }
    }
}
