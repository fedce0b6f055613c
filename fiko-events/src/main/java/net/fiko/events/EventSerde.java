package net.fiko.events;

import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Kafka serializer and deserializer for the events of one topic, in the form of {@link EventJson}. A record whose
 * {@code type} this version does not know deserializes to {@code null}; a malformed one throws
 * {@link SerializationException}.
 */
public final class EventSerde<V> implements Serde<V>, Serializer<V>, Deserializer<V> {

    private final Class<V> type;

    public EventSerde(Class<V> type) {
        this.type = type;
    }

    public static <V> EventSerde<V> of(Topic<V> topic) {
        return new EventSerde<>(topic.valueType());
    }

    @Override
    public byte[] serialize(String topic, V data) {
        return data == null ? null : EventJson.toBytes(data);
    }

    @Override
    public V deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        try {
            return EventJson.fromBytes(data, type);
        } catch (IllegalArgumentException e) {
            throw new SerializationException("Malformed event on " + topic, e);
        }
    }

    @Override
    public Serializer<V> serializer() {
        return this;
    }

    @Override
    public Deserializer<V> deserializer() {
        return this;
    }

    @Override
    public void configure(java.util.Map<String, ?> configs, boolean isKey) {}

    @Override
    public void close() {}
}
