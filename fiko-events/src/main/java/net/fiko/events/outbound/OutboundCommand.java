package net.fiko.events.outbound;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import net.fiko.events.FikoEvent;

/**
 * What a connector is asked to do on its platform; topics {@code fiko.outbound.telegram} and
 * {@code fiko.outbound.instagram}, one per platform so each connector reads only its own.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = ReplyRequested.class, name = "reply_requested"),
    @JsonSubTypes.Type(value = CustomerDataErasureRequested.class, name = "customer_data_erasure_requested")
})
public sealed interface OutboundCommand extends FikoEvent permits ReplyRequested, CustomerDataErasureRequested {}
