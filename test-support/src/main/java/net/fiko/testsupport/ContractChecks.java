package net.fiko.testsupport;

import java.util.List;
import net.fiko.events.ContractSchemas;
import net.fiko.events.EventJson;
import net.fiko.events.StorableText;
import tools.jackson.databind.JsonNode;

/** What every event a service makes must be: conforming to its JSON Schema, and holding only storable text. */
public final class ContractChecks {

    private ContractChecks() {}

    /** Fails unless the event, as it goes on the wire, conforms to its schema and every string in it is storable. */
    public static void assertConformingAndStorable(Object event) {
        JsonNode json = EventJson.mapper().readTree(EventJson.toBytes(event));
        List<String> violations = ContractSchemas.violations(json);
        if (!violations.isEmpty()) {
            throw new AssertionError("The event breaks its schema: " + violations + "\n" + json);
        }
        assertStorable(json);
    }

    private static void assertStorable(JsonNode node) {
        if (node.isString() && !StorableText.isStorable(node.asString())) {
            throw new AssertionError("Text no store can hold: " + node);
        }
        node.forEach(ContractChecks::assertStorable);
    }
}
