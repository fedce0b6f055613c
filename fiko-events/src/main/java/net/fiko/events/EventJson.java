package net.fiko.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.module.blackbird.BlackbirdModule;

/**
 * The JSON form of every Fiko event: snake_case fields, ISO-8601 instants, no nulls, a {@code type} discriminator.
 * Readers ignore fields they do not know (fields are only ever added) and read an event type they do not know as
 * {@code null}, so an older consumer skips a newer event instead of failing on it.
 */
public final class EventJson {

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.FAIL_ON_INVALID_SUBTYPE)
            .changeDefaultPropertyInclusion(inclusion -> inclusion.withValueInclusion(JsonInclude.Include.NON_NULL))
            .addModule(new BlackbirdModule())
            .build();

    private EventJson() {}

    /** The mapper configured as above, for code that needs trees or other types in the same style. */
    public static JsonMapper mapper() {
        return MAPPER;
    }

    public static byte[] toBytes(Object event) {
        try {
            return MAPPER.writeValueAsBytes(event);
        } catch (JacksonException e) {
            throw new IllegalArgumentException(
                    "Cannot serialize " + event.getClass().getSimpleName(), e);
        }
    }

    public static String toJson(Object event) {
        return new String(toBytes(event), java.nio.charset.StandardCharsets.UTF_8);
    }

    /**
     * Reads an event of the given stream type.
     *
     * @return the event, or {@code null} when its {@code type} is one this version does not know
     * @throws IllegalArgumentException when the bytes are not a well-formed event
     */
    public static <T> T fromBytes(byte[] json, Class<T> type) {
        try {
            return MAPPER.readValue(json, type);
        } catch (JacksonException e) {
            throw new IllegalArgumentException(
                    "Not a valid " + type.getSimpleName() + ": " + e.getOriginalMessage(), e);
        }
    }

    public static <T> T fromJson(String json, Class<T> type) {
        return fromBytes(json.getBytes(java.nio.charset.StandardCharsets.UTF_8), type);
    }
}
