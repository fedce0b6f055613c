package net.fiko.events.ephemeral;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import net.fiko.events.Agent;
import net.fiko.events.FikoEvent;

/**
 * Short-lived state shared between gateway instances: who is typing, who is in a chat; topic
 * {@code fiko.ephemeral}, kept an hour. Nothing durable depends on it.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = TypingChanged.class, name = "typing_changed"),
    @JsonSubTypes.Type(value = PresenceChanged.class, name = "presence_changed")
})
public sealed interface EphemeralEvent extends FikoEvent permits TypingChanged, PresenceChanged {

    Agent agent();

    /** The gateway instance the agent's socket is on. */
    String gatewayId();
}
