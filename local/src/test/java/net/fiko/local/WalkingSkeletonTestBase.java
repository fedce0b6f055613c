package net.fiko.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;
import net.fiko.events.Platform;
import net.fiko.testsupport.ServerKind;
import net.fiko.testsupport.TestSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

/**
 * The real path, end to end: an agent's {@code chat_message} on one gateway goes through Kafka to message-service,
 * is stored in PostgreSQL, comes back through Kafka and reaches every socket of the chat, on two gateway instances.
 * One subclass per kind of server.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class WalkingSkeletonTestBase {

    private RunningStack stack;

    /** Where this run's Kafka and PostgreSQL come from. */
    abstract ServerKind servers();

    @BeforeAll
    void startTheSystem() {
        stack = new RunningStack(servers(), 2, Map.of());
    }

    @AfterAll
    void stopTheSystem() {
        stack.close();
    }

    @Test
    void agentsMessageShouldReachEverySocketOfTheChatOnBothGatewaysAndBeStored() {
        String tenant = "tenant-" + UUID.randomUUID();
        String conversation = stack.customerWrites(tenant, Platform.WEB, "c1", "John", "Where is my order?");

        try (TestSocket sara = stack.chat(0, RunningStack.token(tenant, "1", "Sara"), conversation, null);
                TestSocket omid = stack.chat(1, RunningStack.token(tenant, "2", "Omid"), conversation, null)) {
            sara.next("recent_messages");
            omid.next("recent_messages");
            sara.send("{\"type\":\"chat_message\",\"content\":\"It ships today.\"}");

            JsonNode onA = sara.next("chat_message").path("message");
            JsonNode onB = omid.next("chat_message").path("message");
            assertThat(onA.path("content").asString()).isEqualTo("It ships today.");
            assertThat(onA.path("type").asString()).isEqualTo("support");
            assertThat(onA.path("customer").path("first_name").asString()).isEqualTo("John");
            assertThat(onB.path("id").asString()).isEqualTo(onA.path("id").asString());
            assertThat(stack.storedMessages(conversation))
                    .containsExactly("1 customer Where is my order?", "2 support It ships today.");
        }
    }
}
