package net.fiko.events;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * A conversation's state in the inbox: {@code active} (open: the seed's only value), {@code resolved} by an agent,
 * {@code snoozed} by an agent until a time. A resolved or snoozed conversation is active again when its customer
 * writes, and a snoozed one when its time comes.
 */
public enum ConversationStatus {
    ACTIVE,
    RESOLVED,
    SNOOZED;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The status of this wire name, or null for none. */
    public static ConversationStatus fromWireName(String name) {
        for (ConversationStatus status : values()) {
            if (status.wireName().equals(name)) {
                return status;
            }
        }
        return null;
    }
}
