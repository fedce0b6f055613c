package net.fiko.events;

import com.fasterxml.jackson.annotation.JsonValue;

/** A conversation's state in the inbox. */
public enum ConversationStatus {
    ACTIVE,
    CLOSED;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
