package net.fiko.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.UUID;
import net.fiko.dev.DevTokens;
import net.fiko.testsupport.FikoTestProperties;
import net.fiko.testsupport.TestSocket;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * When Kafka does not take an agent's message, the agent is told which one, so the client can resend it with the same
 * client_msg_id. Here the broker is real and up, and the gateway's producer refuses records over 1,000 bytes: a long
 * message is one Kafka does not take.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.config.name=ws-gateway", "spring.kafka.producer.properties.max.request.size=1000"})
class GatewaySendFailureTest {

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) {
        FikoTestProperties.kafka(registry);
    }

    @LocalServerPort
    int port;

    @Test
    void aMessageKafkaDidNotTakeShouldBeNamedByItsClientMsgIdAndTheSocketStayOpen() {
        String token = DevTokens.access(
                FikoTestProperties.JWT_SECRET, "1", "tenant-" + UUID.randomUUID(), "Sara", Duration.ofMinutes(5));
        try (TestSocket chat = TestSocket.connect(
                "ws://localhost:" + port + "/ws/chat/" + UUID.randomUUID() + "/?lang=en&token=" + token)) {
            chat.send(
                    "{\"type\":\"chat_message\",\"content\":\"" + "x".repeat(2_000) + "\",\"client_msg_id\":\"c-42\"}");

            JsonNode failed = chat.next("error");
            assertThat(failed.path("error").asString()).isEqualTo("Message could not be sent");
            assertThat(failed.path("client_msg_id").asString()).isEqualTo("c-42");
            assertThat(chat.isClosed()).isFalse();
        }
    }
}
