package net.fiko.testsupport;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.fiko.events.EventJson;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The payload schemas docs/asyncapi.yaml gives the frames the gateway sends (the messages of its server-sends
 * operations), by frame type: every frame a test receives is held to the document, so the document says what the
 * gateway does.
 */
public final class WebSocketSchemas {

    static final Path DOCUMENT = Path.of("..", "docs", "asyncapi.yaml");
    static final List<String> SERVER_SENDS = List.of("serverSendsToList", "serverSendsToChat");

    private static Map<String, Schema> byType;

    private WebSocketSchemas() {}

    /** What is wrong with a frame the gateway sent, by the document; empty when it conforms. */
    public static List<String> violations(JsonNode frame) {
        String type = frame.path("type").asString("");
        Schema schema = schemas().get(type);
        if (schema == null) {
            return List.of("docs/asyncapi.yaml has no frame of type \"" + type + "\" the gateway sends");
        }
        return schema.validate(frame).stream().map(Error::toString).toList();
    }

    private static synchronized Map<String, Schema> schemas() {
        if (byType == null) {
            byType = read(DOCUMENT.toAbsolutePath().normalize());
        }
        return byType;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Schema> read(Path document) {
        JsonNode asyncApi;
        try {
            asyncApi = EventJson.mapper().valueToTree(new Yaml().load(Files.readString(document)));
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read " + document, e);
        }
        JsonNode components = asyncApi.path("components");
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
        Map<String, Schema> schemas = new HashMap<>();
        JsonNode definitions = EventJson.mapper()
                .readTree(components.path("schemas").toString().replace("#/components/schemas/", "#/$defs/"));
        for (String operation : SERVER_SENDS) {
            for (JsonNode ref : asyncApi.path("operations").path(operation).path("messages")) {
                String key = lastSegment(ref.path("$ref").asString());
                JsonNode message = components.path("messages").path(key);
                ObjectNode root = (ObjectNode) EventJson.mapper()
                        .readTree(message.path("payload").toString().replace("#/components/schemas/", "#/$defs/"));
                root.set("$defs", definitions);
                schemas.put(message.path("name").asString(), registry.getSchema(root));
            }
        }
        return schemas;
    }

    private static String lastSegment(String ref) {
        return ref.substring(ref.lastIndexOf('/') + 1);
    }
}
