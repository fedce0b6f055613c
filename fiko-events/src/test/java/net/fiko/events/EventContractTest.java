package net.fiko.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeName;
import com.networknt.schema.Schema;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/** Every event type of every topic has a stored sample and a JSON Schema, and the three agree. */
class EventContractTest {

    /** Event type name → the stream type it is read as, from the {@code type} discriminators of the topic map. */
    static Map<String, Class<?>> eventTypes() {
        Map<String, Class<?>> types = new LinkedHashMap<>();
        for (Topic<?> topic : Topics.all()) {
            Class<?> stream = topic.valueType();
            JsonSubTypes subTypes = stream.getAnnotation(JsonSubTypes.class);
            if (subTypes != null) {
                for (JsonSubTypes.Type subType : subTypes.value()) {
                    types.put(subType.name(), stream);
                }
            } else {
                types.put(stream.getAnnotation(JsonTypeName.class).value(), stream);
            }
        }
        return types;
    }

    static Stream<String> eventTypeNames() {
        return eventTypes().keySet().stream();
    }

    @ParameterizedTest
    @MethodSource("eventTypeNames")
    void sampleShouldRoundTripThroughItsRecordUnchanged(String type) throws IOException {
        byte[] sample = resource("samples/" + type + ".json");

        Object event = EventJson.fromBytes(sample, eventTypes().get(type));

        assertThat(event).isNotNull().isInstanceOf(eventTypes().get(type));
        JsonNode written = EventJson.mapper().readTree(EventJson.toBytes(event));
        assertThat(written).isEqualTo(EventJson.mapper().readTree(sample));
    }

    @ParameterizedTest
    @MethodSource("eventTypeNames")
    void sampleShouldMatchItsSchema(String type) throws IOException {
        List<String> errors =
                ContractSchemas.violations(EventJson.mapper().readTree(resource("samples/" + type + ".json")));

        assertThat(errors).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("eventTypeNames")
    void schemaShouldRejectTheSampleWithoutItsEnvelope(String type) throws IOException {
        Schema schema = ContractSchemas.forType(type);
        var sample = (tools.jackson.databind.node.ObjectNode)
                EventJson.mapper().readTree(resource("samples/" + type + ".json"));
        sample.remove("tenant_id");

        assertThat(schema.validate(sample)).isNotEmpty();
    }

    @ParameterizedTest
    @MethodSource("eventTypeNames")
    void sampleShouldBeKeyedByItsConversation(String type) throws IOException {
        FikoEvent event = (FikoEvent) EventJson.fromBytes(
                resource("samples/" + type + ".json"), eventTypes().get(type));

        String expectedKey = event.conversationId() != null ? event.conversationId() : event.tenantId();
        assertThat(event.partitionKey()).isEqualTo(expectedKey).isNotBlank();
        assertThat(event.eventId()).isNotBlank();
        assertThat(event.occurredAt()).isNotNull();
    }

    private static byte[] resource(String path) throws IOException {
        try (InputStream in = EventContractTest.class.getResourceAsStream(path)) {
            assertThat(in).as("resource net/fiko/events/%s", path).isNotNull();
            return in.readAllBytes();
        }
    }
}
