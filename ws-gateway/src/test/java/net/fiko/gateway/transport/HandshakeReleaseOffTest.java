package net.fiko.gateway.transport;

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
 * With {@code fiko.gateway.release-handshake=false} the gateway makes no reflective call into Jetty, and its sockets
 * work as with it: they open, are pinged and answer, and a frame that is not JSON gets its {@code error} event.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.config.name=ws-gateway",
            "fiko.gateway.release-handshake=false",
            "fiko.gateway.ping-interval=200ms"
        })
class HandshakeReleaseOffTest {

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) {
        FikoTestProperties.kafka(registry);
    }

    @LocalServerPort
    int port;

    @Test
    void socketsShouldWorkWithTheReflectionOff() {
        String token = DevTokens.access(
                FikoTestProperties.JWT_SECRET, "1", "tenant-" + UUID.randomUUID(), "Sara", Duration.ofMinutes(5));
        try (TestSocket socket =
                TestSocket.connect("ws://localhost:" + port + "/ws/conversations/?lang=en&token=" + token)) {
            socket.send("not json");
            assertThat(socket.next("error").path("error").asString()).isEqualTo("Invalid JSON");
            await().atMost(Duration.ofSeconds(10)).until(() -> socket.pings() >= 3);
            assertThat(socket.isClosed()).isFalse();
        }
    }
}
