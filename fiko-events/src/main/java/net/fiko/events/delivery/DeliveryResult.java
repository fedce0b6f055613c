package net.fiko.events.delivery;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import net.fiko.events.FikoEvent;
import net.fiko.events.Platform;

/** A connector's answer to a {@code reply_requested}; topic {@code fiko.delivery.results}. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = DeliverySucceeded.class, name = "delivery_succeeded"),
    @JsonSubTypes.Type(value = DeliveryFailed.class, name = "delivery_failed")
})
public sealed interface DeliveryResult extends FikoEvent permits DeliverySucceeded, DeliveryFailed {

    String messageId();

    Platform platform();
}
