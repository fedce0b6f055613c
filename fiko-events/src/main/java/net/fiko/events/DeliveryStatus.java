package net.fiko.events;

import com.fasterxml.jackson.annotation.JsonValue;

/** Where a support message is on its way to the customer's platform. Customer messages are always delivered. */
public enum DeliveryStatus {
    PENDING,
    SENT,
    FAILED,
    DELIVERED;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
