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

/** With nobody answering its queries (message-service down), the gateway says so instead of hanging. */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.config.name=ws-gateway", "fiko.gateway.query-timeout=1s"})
class GatewayWithoutMessageServiceTest {

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) {
        FikoTestProperties.kafka(registry);
    }

    @LocalServerPort
    int port;

    @Test
    void theListShouldAnswerServiceUnavailableAndStayOpen() {
        try (TestSocket list = TestSocket.connect(url("/ws/conversations/?lang=en&token=" + token()))) {
            JsonNode error = list.next("error");
            assertThat(error.path("error").asString()).isEqualTo("Service unavailable");
            assertThat(error.path("message").asString())
                    .isEqualTo("The service is briefly unavailable. Please try again.");
            assertThat(list.isClosed()).isFalse();
        }
    }

    @Test
    void joiningAChatShouldAnswerServiceUnavailableAndClose1012SoTheClientReconnects() {
        try (TestSocket chat = TestSocket.connect(url("/ws/chat/" + UUID.randomUUID() + "/?token=" + token()))) {
            assertThat(chat.next("error").path("error").asString()).isEqualTo("Service unavailable");
            assertThat(chat.closeCode()).isEqualTo(1012);
        }
    }

    private static String token() {
        return DevTokens.access(
                FikoTestProperties.JWT_SECRET, "1", "t-" + UUID.randomUUID(), "Sara", Duration.ofMinutes(5));
    }

    private String url(String path) {
        return "ws://localhost:" + port + path;
    }
}
