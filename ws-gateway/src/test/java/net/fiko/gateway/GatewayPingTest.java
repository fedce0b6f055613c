package net.fiko.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import net.fiko.testsupport.FikoTestProperties;
import net.fiko.testsupport.TestSocket;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Every socket is pinged at {@code fiko.gateway.ping-interval}, and the pong its client answers keeps it open. */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.config.name=ws-gateway", "fiko.gateway.ping-interval=200ms"})
class GatewayPingTest {

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) {
        FikoTestProperties.kafka(registry);
    }

    @LocalServerPort
    int port;

    @Test
    void shouldPingEverySocketAtTheInterval() {
        try (TestSocket first = TestSocket.connect(GatewayIdleSocketTest.listSocket(port));
                TestSocket second = TestSocket.connect(GatewayIdleSocketTest.listSocket(port))) {
            await().atMost(Duration.ofSeconds(10)).until(() -> first.pings() >= 3 && second.pings() >= 3);

            assertThat(first.isClosed()).isFalse();
            assertThat(second.isClosed()).isFalse();
        }
    }
}
