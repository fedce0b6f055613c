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

/** Limits on sockets per user and per tenant: over them, "Too many connections" and close 1013, never 1008. */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.config.name=ws-gateway",
            "fiko.gateway.max-sockets-per-user=2",
            "fiko.gateway.max-sockets-per-tenant=3",
            // No message-service here: an accepted list socket's first error is "Service unavailable", after 1 s.
            "fiko.gateway.query-timeout=1s"
        })
class GatewaySocketLimitsTest {

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) {
        FikoTestProperties.kafka(registry);
    }

    @LocalServerPort
    int port;

    @Test
    void aUserOverTheirSocketsShouldBeToldToTryAgainLaterAndGetAPlaceOnceOneCloses() {
        String tenant = "tenant-" + UUID.randomUUID();
        String token = token("1", tenant);
        try (TestSocket first = admitted(list(token));
                TestSocket second = admitted(list(token))) {
            try (TestSocket third = list(token)) {
                JsonNode refused = third.next("error");
                assertThat(refused.path("error").asString()).isEqualTo("Too many connections");
                assertThat(third.closeCode()).isEqualTo(1013);
            }
            assertThat(first.isClosed()).isFalse();
            assertThat(second.isClosed()).isFalse();

            first.close();
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                try (TestSocket again = list(token)) {
                    assertThat(again.next("error").path("error").asString()).isEqualTo("Service unavailable");
                    assertThat(again.isClosed()).isFalse();
                }
            });
        }
    }

    @Test
    void aTenantOverItsSocketsShouldBeToldToTryAgainLater() {
        String tenant = "tenant-" + UUID.randomUUID();
        try (TestSocket a = admitted(list(token("1", tenant)));
                TestSocket b = admitted(list(token("2", tenant)));
                TestSocket c = admitted(list(token("3", tenant)));
                TestSocket d = list(token("4", tenant));
                TestSocket otherTenant = list(token("4", "tenant-" + UUID.randomUUID()))) {
            assertThat(d.next("error").path("error").asString()).isEqualTo("Too many connections");
            assertThat(d.closeCode()).isEqualTo(1013);
            assertThat(otherTenant.isClosed()).isFalse();
        }
    }

    /**
     * The socket once the gateway has taken it: the handshake's answer comes before the gateway counts the socket, so
     * sockets opened one after the other could be counted in another order. An admitted list socket asks
     * message-service for its list, which is not running here: "Service unavailable" after the query timeout.
     */
    private static TestSocket admitted(TestSocket socket) {
        assertThat(socket.next("error").path("error").asString()).isEqualTo("Service unavailable");
        return socket;
    }

    private TestSocket list(String token) {
        return TestSocket.connect("ws://localhost:" + port + "/ws/conversations/?lang=en&token=" + token);
    }

    private static String token(String user, String tenant) {
        return DevTokens.access(FikoTestProperties.JWT_SECRET, user, tenant, "Agent " + user, Duration.ofMinutes(5));
    }
}
