package net.fiko.events;

import com.fasterxml.jackson.annotation.JsonValue;

/** Who wrote a message: the customer, or support (an agent). */
public enum MessageType {
    CUSTOMER,
    SUPPORT;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
