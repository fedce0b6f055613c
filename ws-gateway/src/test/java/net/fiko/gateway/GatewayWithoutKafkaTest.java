package net.fiko.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
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
 * The gateway with Kafka unreachable: whatever it sends gives up within the producer's bounds ({@code max.block.ms}
 * 2 s), never holding a socket's thread for Kafka's default minute, and the client is answered.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.config.name=ws-gateway", "fiko.gateway.query-timeout=60s"})
class GatewayWithoutKafkaTest {

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) throws IOException {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        registry.add("spring.kafka.bootstrap-servers", () -> "localhost:" + closed);
        registry.add("fiko.jwt.secret", () -> FikoTestProperties.JWT_SECRET);
        registry.add("spring.kafka.admin.auto-create", () -> false);
    }

    @LocalServerPort
    int port;

    @Test
    void joiningAChatShouldAnswerServiceUnavailableWithinSecondsAndClose1012() {
        try (TestSocket chat = TestSocket.connect(
                "ws://localhost:" + port + "/ws/chat/" + UUID.randomUUID() + "/?lang=en&token=" + token())) {
            long start = System.nanoTime();

            assertThat(chat.next("error").path("error").asString()).isEqualTo("Service unavailable");
            assertThat(chat.closeCode()).isEqualTo(1012);
            assertThat(Duration.ofNanos(System.nanoTime() - start))
                    .as("bounded by max.block.ms, not Kafka's default minute nor the 60 s query timeout")
                    .isLessThan(Duration.ofSeconds(10));
        }
    }

    @Test
    void aListRequestShouldAnswerServiceUnavailableWithinSecondsAndTheSocketStayOpen() {
        try (TestSocket list =
                TestSocket.connect("ws://localhost:" + port + "/ws/conversations/?lang=en&token=" + token())) {
            assertThat(list.next("error").path("error").asString()).isEqualTo("Service unavailable");
            long start = System.nanoTime();

            list.send("{\"type\":\"get_conversations\"}");

            JsonNode unavailable = list.next("error");
            assertThat(unavailable.path("error").asString()).isEqualTo("Service unavailable");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
            assertThat(list.isClosed()).isFalse();
        }
    }

    private static String token() {
        return DevTokens.access(
                FikoTestProperties.JWT_SECRET, "1", "tenant-" + UUID.randomUUID(), "Sara", Duration.ofMinutes(5));
    }
}
