package net.fiko.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/** docs/asyncapi.yaml describes exactly the topics and events of the contract, and both WebSocket endpoints. */
class AsyncApiDocumentTest {

    static final Path DOCS = Path.of("..", "docs").toAbsolutePath().normalize();
    static Map<String, Object> document;

    @BeforeAll
    static void read() throws IOException {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        document = new Yaml(options).load(Files.readString(DOCS.resolve("asyncapi.yaml")));
    }

    @Test
    void shouldBeAnAsyncApi3Document() {
        assertThat(document.get("asyncapi")).isEqualTo("3.0.0");
        assertThat(map(document.get("servers"))).containsKeys("kafka", "gateway");
    }

    @Test
    void shouldHaveAChannelForEveryTopicOfTheContract() {
        Set<String> addresses = map(document.get("channels")).values().stream()
                .map(channel -> String.valueOf(map(channel).get("address")))
                .collect(Collectors.toSet());

        assertThat(addresses)
                .containsAll(Topics.all().stream().map(Topic::name).toList())
                .contains("/ws/conversations/", "/ws/chat/{conversation_id}/");
    }

    @Test
    void shouldDescribeEveryEventTypeWithItsSchemaFile() {
        Map<String, Object> messages = map(map(document.get("components")).get("messages"));
        Map<String, String> schemaByEvent = messages.values().stream()
                .map(AsyncApiDocumentTest::map)
                .filter(message -> map(message.get("payload")).containsKey("schema"))
                .collect(Collectors.toMap(
                        message -> String.valueOf(message.get("name")),
                        message -> String.valueOf(
                                map(map(message.get("payload")).get("schema")).get("$ref"))));

        assertThat(schemaByEvent.keySet())
                .containsExactlyInAnyOrderElementsOf(
                        EventContractTest.eventTypes().keySet());
        schemaByEvent.forEach((event, ref) ->
                assertThat(DOCS.resolve(ref).normalize()).as(event).exists().hasFileName(event + ".schema.json"));
    }

    @Test
    void operationsShouldPointAtChannelsThatExist() {
        Set<String> channels = map(document.get("channels")).keySet();
        for (Object operation : map(document.get("operations")).values()) {
            String ref = String.valueOf(map(map(operation).get("channel")).get("$ref"));
            assertThat(channels).contains(ref.substring(ref.lastIndexOf('/') + 1));
            assertThat(List.of("send", "receive"))
                    .contains(String.valueOf(map(operation).get("action")));
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object yaml) {
        return (Map<String, Object>) yaml;
    }
}
