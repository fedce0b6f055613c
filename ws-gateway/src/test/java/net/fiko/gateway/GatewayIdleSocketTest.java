package net.fiko.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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

/**
 * A socket that carries nothing stays open: the HTTP connector's idle timeout is cut to one second here and pings are
 * off, so a socket the connector's timeout applied to would close within the test.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.config.name=ws-gateway",
            "server.jetty.connection-idle-timeout=1s",
            "fiko.gateway.ping-interval=0s"
        })
class GatewayIdleSocketTest {

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) {
        FikoTestProperties.kafka(registry);
    }

    @LocalServerPort
    int port;

    /** A list socket of a tenant of its own. */
    static String listSocket(int port) {
        String token = DevTokens.access(
                FikoTestProperties.JWT_SECRET, "1", "tenant-" + UUID.randomUUID(), "Sara", Duration.ofMinutes(5));
        return "ws://localhost:" + port + "/ws/conversations/?lang=en&token=" + token;
    }

    @Test
    void shouldKeepASilentSocketOpenPastTheConnectorsIdleTimeout() throws Exception {
        try (TestSocket socket = TestSocket.connect(listSocket(port))) {
            // Open all along, for three of the connector's idle timeouts, nothing sent either way.
            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(() -> !socket.isClosed());

            assertThat(socket.send("not json").next("error").path("error").asString())
                    .isEqualTo("Invalid JSON");
            assertThat(socket.pings()).isZero();
        }
    }
}
