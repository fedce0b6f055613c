package net.fiko.message.unread;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import net.fiko.events.EventJson;
import net.fiko.events.MessageType;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

/**
 * Reads a conversation event's few counted fields straight off the JSON tokens: every other field, the message's
 * content and the conversation's snapshot above all, is skipped unread. The counter reads every event of every
 * conversation; read into objects, even a slim record, the JSON took more than half of its thread's time. A message
 * of a type this version does not know counts as no customer's.
 */
final class CountedEventReader implements Deserializer<CountedEvent> {

    @Override
    public CountedEvent deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        try (JsonParser json = EventJson.mapper().createParser(data)) {
            expect(json.nextToken(), JsonToken.START_OBJECT);
            String type = null;
            String tenantId = null;
            Instant occurredAt = null;
            CountedEvent.CountedMessage message = null;
            Long upToSequence = null;
            while (json.nextToken() == JsonToken.PROPERTY_NAME) {
                String name = json.currentName();
                JsonToken value = json.nextToken();
                switch (name) {
                    case "type" -> type = text(json, value);
                    case "tenant_id" -> tenantId = text(json, value);
                    case "occurred_at" -> occurredAt = instant(text(json, value));
                    case "message" -> message = value == JsonToken.START_OBJECT ? message(json) : skip(json);
                    case "up_to_sequence" -> upToSequence = value == JsonToken.VALUE_NULL ? null : json.getLongValue();
                    default -> json.skipChildren();
                }
            }
            return new CountedEvent(type, tenantId, occurredAt, message, upToSequence);
        } catch (JacksonException | DateTimeParseException e) {
            throw new SerializationException("Malformed event on " + topic, e);
        }
    }

    private static CountedEvent.CountedMessage message(JsonParser json) {
        MessageType type = null;
        long sequence = 0;
        while (json.nextToken() == JsonToken.PROPERTY_NAME) {
            String name = json.currentName();
            JsonToken value = json.nextToken();
            switch (name) {
                case "type" -> type = messageType(text(json, value));
                case "sequence" -> sequence = json.getLongValue();
                default -> json.skipChildren();
            }
        }
        return new CountedEvent.CountedMessage(type, sequence);
    }

    private static MessageType messageType(String wireName) {
        for (MessageType type : MessageType.values()) {
            if (type.wireName().equals(wireName)) {
                return type;
            }
        }
        return null;
    }

    private static String text(JsonParser json, JsonToken value) {
        return value == JsonToken.VALUE_NULL ? null : json.getValueAsString();
    }

    private static Instant instant(String text) {
        return text == null ? null : Instant.parse(text);
    }

    private static <T> T skip(JsonParser json) {
        json.skipChildren();
        return null;
    }

    private static void expect(JsonToken actual, JsonToken expected) {
        if (actual != expected) {
            throw new SerializationException("Expected " + expected + " but found " + actual);
        }
    }
}
