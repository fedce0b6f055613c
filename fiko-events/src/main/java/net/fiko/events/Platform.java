package net.fiko.events;

import com.fasterxml.jackson.annotation.JsonValue;

/** Where a conversation's customer writes from. Serialized in lower case, as in the WebSocket protocol. */
public enum Platform {
    TELEGRAM,
    INSTAGRAM,
    /** Conversations created inside Fiko itself (tests, demos, an embedded web chat). */
    WEB;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
