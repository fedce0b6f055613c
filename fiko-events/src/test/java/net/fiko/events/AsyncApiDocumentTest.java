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
    void everyTopicsKafkaBindingShouldSayHowTheTopicIsKeptAndKeyed() {
        Map<String, Map<String, Object>> byAddress = map(document.get("channels")).values().stream()
                .map(AsyncApiDocumentTest::map)
                .collect(Collectors.toMap(channel -> String.valueOf(channel.get("address")), channel -> channel));
        for (Topic<?> topic : Topics.all()) {
            Map<String, Object> kafka =
                    map(map(byAddress.get(topic.name()).get("bindings")).get("kafka"));
            assertThat(kafka.get("topic")).as(topic.name()).isEqualTo(topic.name());
            assertThat(kafka.get("partitions")).as(topic.name()).isEqualTo(topic.partitions());
            Map<String, Object> configuration = map(kafka.get("topicConfiguration"));
            assertThat(configuration.get("cleanup.policy"))
                    .as(topic.name())
                    .isEqualTo(List.of(topic.configs().get("cleanup.policy")));
            if (!topic.compacted()) {
                assertThat(((Number) configuration.get("retention.ms")).longValue())
                        .as(topic.name())
                        .isEqualTo(topic.retention().toMillis());
            }
        }
        map(map(document.get("components")).get("messages")).values().stream()
                .map(AsyncApiDocumentTest::map)
                .filter(message -> map(message.get("payload")).containsKey("schema"))
                .forEach(message -> assertThat(map(
                                map(map(message.get("bindings")).get("kafka")).get("key")))
                        .as(String.valueOf(message.get("name")))
                        .containsEntry("type", "string"));
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

    static Map<String, Object> document() {
        if (document == null) {
            try {
                read();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
        return document;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object yaml) {
        return (Map<String, Object>) yaml;
    }
}
