package net.fiko.local;

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
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import net.fiko.events.EventJson;
import net.fiko.events.Platform;
import net.fiko.testsupport.ServerKind;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

/**
 * The frontend's own client code, the seed document's {@code FikoWebSocket} class, run unchanged in Node (with the
 * {@code ws} package) against the real stack: what its handlers hand to the UI is what the document promises.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SeedClientTest {

    static final Path CLIENT = Path.of("src", "test", "js");

    RunningStack stack;

    @BeforeAll
    void start() throws Exception {
        installClientDependencies();
        stack = new RunningStack(ServerKind.EMBEDDED, 1, Map.of());
    }

    @AfterAll
    void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void theSeedDocumentsClientShouldWorkUnchanged() throws Exception {
        String tenant = "tenant-" + UUID.randomUUID();
        String conversation = stack.customerWrites(tenant, Platform.TELEGRAM, "1", "John", "Where is my order?");

        List<JsonNode> calls = runClient(
                "ws://localhost:" + stack.gateway(0),
                RunningStack.token(tenant, "7", "Agent"),
                conversation,
                RunningStack.token(tenant, "8", "Colleague"));

        assertThat(call(calls, "agent", "updateConversationsList")
                        .path("args")
                        .get(0)
                        .get(0)
                        .path("id")
                        .asString())
                .isEqualTo(conversation);
        assertThat(call(calls, "agent", "loadRecentMessages")
                        .path("args")
                        .get(0)
                        .get(0)
                        .path("content")
                        .asString())
                .isEqualTo("Where is my order?");
        assertThat(call(calls, "agent", "updateUserPresence").path("args").toString())
                .isEqualTo("[\"8\",true]");
        JsonNode message =
                call(calls, "colleague", "addMessageToChat").path("args").get(0);
        assertThat(message.path("content").asString()).isEqualTo("Hello from the seed client");
        assertThat(message.path("type").asString()).isEqualTo("support");
        assertThat(call(calls, "colleague", "showTypingIndicator").path("args").toString())
                .isEqualTo("[\"Agent\",true]");
        assertThat(call(calls, "colleague", "markMessagesAsRead").path("args").toString())
                .isEqualTo("[\"7\"]");
        assertThat(call(calls, "agent", "showError").path("args").toString())
                .isEqualTo("[\"Message content cannot be empty\"]");
        assertThat(call(calls, "intruder", "message")
                        .path("args")
                        .get(0)
                        .path("error")
                        .asString())
                .isEqualTo("Authentication required");
        assertThat(call(calls, "intruder", "onclose").path("args").toString()).isEqualTo("[1008]");
    }

    private static JsonNode call(List<JsonNode> calls, String who, String name) {
        return calls.stream()
                .filter(c -> c.path("who").asString().equals(who)
                        && c.path("name").asString().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("No " + who + "." + name + " in " + calls));
    }

    private static List<JsonNode> runClient(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("node", "run-seed-client.mjs"));
        command.addAll(List.of(args));
        Process node = new ProcessBuilder(command)
                .directory(CLIENT.toFile())
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        List<JsonNode> calls = new ArrayList<>();
        try (var out = new BufferedReader(new InputStreamReader(node.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                if (line.startsWith("{")) {
                    calls.add(EventJson.mapper().readTree(line));
                }
            }
        }
        assertThat(node.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(node.exitValue())
                .as("the seed client's run; calls so far: %s", calls)
                .isZero();
        return calls;
    }

    /** The client needs the ws package from the npm registry; Node and npm come with the machine. */
    private static void installClientDependencies() throws IOException, InterruptedException {
        if (Files.isDirectory(CLIENT.resolve("node_modules").resolve("ws"))) {
            return;
        }
        Process npm = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund")
                .directory(CLIENT.toFile())
                .redirectOutput(new File(System.getProperty("java.io.tmpdir"), "fiko-npm-ci.log"))
                .redirectErrorStream(true)
                .start();
        assertThat(npm.waitFor(5, TimeUnit.MINUTES)).isTrue();
        assertThat(npm.exitValue()).as("npm ci in %s", CLIENT).isZero();
    }
}
