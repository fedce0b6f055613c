package net.fiko.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * docs/asyncapi.yaml as the official AsyncAPI parser ({@code @asyncapi/parser}, from the npm registry) reads it: it
 * parses, its file references resolve, no rule fails, and every WebSocket message has examples its payload schema
 * accepts (src/test/asyncapi/validate.mjs; Node and npm come with the machine).
 */
class AsyncApiParserTest {

    static final Path CHECKER = Path.of("src", "test", "asyncapi");

    @Test
    void theOfficialParserShouldAcceptTheDocumentAndEveryExample() throws Exception {
        installParser();
        Process node = new ProcessBuilder(
                        "node",
                        "validate.mjs",
                        AsyncApiDocumentTest.DOCS.resolve("asyncapi.yaml").toString())
                .directory(CHECKER.toFile())
                .redirectErrorStream(true)
                .start();
        List<String> lines = new ArrayList<>();
        try (var output = new BufferedReader(new InputStreamReader(node.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = output.readLine(); line != null; line = output.readLine()) {
                lines.add(line);
            }
        }
        assertThat(node.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(node.exitValue()).as("the parser's findings: %s", lines).isZero();

        JsonNode summary = EventJson.mapper().readTree(lines.get(lines.size() - 1));
        assertThat(summary.path("parsed").asBoolean()).isTrue();
        assertThat(summary.path("errors").asInt()).isZero();
        assertThat(summary.path("channels").asInt()).isEqualTo(Topics.all().size() + 2);
        assertThat(summary.path("withExamples").asInt())
                .as("every WebSocket message has an example")
                .isEqualTo(webSocketMessages());
    }

    @SuppressWarnings("unchecked")
    private static int webSocketMessages() {
        Map<String, Object> messages = (Map<String, Object>)
                ((Map<String, Object>) AsyncApiDocumentTest.document().get("components")).get("messages");
        return (int)
                messages.keySet().stream().filter(name -> name.startsWith("ws")).count();
    }

    private static void installParser() throws IOException, InterruptedException {
        if (Files.isDirectory(
                CHECKER.resolve("node_modules").resolve("@asyncapi").resolve("parser"))) {
            return;
        }
        Process npm = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund")
                .directory(CHECKER.toFile())
                .redirectOutput(new File(System.getProperty("java.io.tmpdir"), "fiko-asyncapi-npm-ci.log"))
                .redirectErrorStream(true)
                .start();
        assertThat(npm.waitFor(5, TimeUnit.MINUTES)).isTrue();
        assertThat(npm.exitValue()).as("npm ci in %s", CHECKER).isZero();
    }
}
