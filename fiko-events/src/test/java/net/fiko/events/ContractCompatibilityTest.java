package net.fiko.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/**
 * Consumers of the topics must keep working: against the events as first published ({@code contract-baseline/}),
 * no field may be removed or retyped, in the samples, in the records or in the schemas.
 */
class ContractCompatibilityTest {

    static Stream<String> eventTypeNames() {
        return EventContractTest.eventTypeNames();
    }

    @ParameterizedTest
    @MethodSource("eventTypeNames")
    void theSampleShouldKeepEveryFieldOfTheBaselineWithItsType(String type) throws IOException {
        Map<String, String> baseline = fields(read("/contract-baseline/" + type + ".json"));
        Map<String, String> sample = fields(read("/net/fiko/events/samples/" + type + ".json"));

        assertThat(sample).containsAllEntriesOf(baseline);
    }

    @ParameterizedTest
    @MethodSource("eventTypeNames")
    void theRecordShouldCarryEveryFieldOfTheBaselineWithItsType(String type) throws IOException {
        JsonNode baseline = read("/contract-baseline/" + type + ".json");

        Object event = EventJson.fromBytes(
                EventJson.toBytes(baseline), EventContractTest.eventTypes().get(type));
        JsonNode written = EventJson.mapper().readTree(EventJson.toBytes(event));

        assertThat(fields(written)).containsAllEntriesOf(fields(baseline));
    }

    @ParameterizedTest
    @MethodSource("eventTypeNames")
    void theSchemaShouldStillAcceptTheBaseline(String type) throws IOException {
        assertThat(ContractSchemas.violations(read("/contract-baseline/" + type + ".json")))
                .isEmpty();
    }

    @Test
    void theComparisonShouldNoticeARemovedOrRetypedField() throws IOException {
        JsonNode baseline = read("/contract-baseline/message_created.json");
        var retyped = (tools.jackson.databind.node.ObjectNode) baseline.deepCopy();
        ((tools.jackson.databind.node.ObjectNode) retyped.get("message")).put("sequence", "8");
        var removed = (tools.jackson.databind.node.ObjectNode) baseline.deepCopy();
        ((tools.jackson.databind.node.ObjectNode) removed.get("message")).remove("client_msg_id");

        assertThat(fields(retyped)).doesNotContainEntry("message.sequence", "NUMBER");
        assertThat(fields(removed)).doesNotContainKey("message.client_msg_id");
        assertThat(ContractSchemas.violations(retyped)).isNotEmpty();
    }

    /** Every leaf of the event by its path (array items as {@code []}), with its JSON type. */
    static Map<String, String> fields(JsonNode node) {
        Map<String, String> fields = new LinkedHashMap<>();
        collect("", node, fields);
        return fields;
    }

    private static void collect(String path, JsonNode node, Map<String, String> fields) {
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                collect(path.isEmpty() ? field.getKey() : path + "." + field.getKey(), field.getValue(), fields);
            }
        } else if (node.isArray()) {
            fields.put(path, "ARRAY");
            for (JsonNode item : node) {
                collect(path + "[]", item, fields);
            }
        } else {
            fields.put(path, node.getNodeType().name());
        }
    }

    private static JsonNode read(String path) throws IOException {
        try (InputStream in = ContractCompatibilityTest.class.getResourceAsStream(path)) {
            assertThat(in).as(path).isNotNull();
            return EventJson.mapper().readTree(in);
        }
    }
}
