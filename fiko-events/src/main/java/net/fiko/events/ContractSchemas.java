package net.fiko.events;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.JsonNode;

/**
 * Validates an event's JSON against the contract's schema for its {@code type}. Needs
 * {@code com.networknt:json-schema-validator} on the classpath (an optional dependency of this jar).
 */
public final class ContractSchemas {

    public static final String ID_PREFIX = "https://fiko.net/schemas/events/";

    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(
            SpecificationVersion.DRAFT_2020_12,
            builder ->
                    builder.schemaIdResolvers(ids -> ids.mapPrefix(ID_PREFIX, "classpath:net/fiko/events/schemas/")));
    private static final Map<String, Schema> BY_TYPE = new ConcurrentHashMap<>();

    private ContractSchemas() {}

    /** The schema of an event type, e.g. {@code message_created}. */
    public static Schema forType(String type) {
        return BY_TYPE.computeIfAbsent(
                type, t -> REGISTRY.getSchema(SchemaLocation.of(ID_PREFIX + t + ".schema.json")));
    }

    /** What is wrong with the event, by its schema; empty when it conforms. */
    public static List<String> violations(JsonNode event) {
        JsonNode type = event.get("type");
        if (type == null || !type.isString()) {
            return List.of("the event has no type");
        }
        return forType(type.asString()).validate(event).stream()
                .map(Error::toString)
                .toList();
    }
}
