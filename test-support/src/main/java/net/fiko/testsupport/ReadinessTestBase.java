package net.fiko.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;

/**
 * A service started on the shared real broker (and database, for services that keep state) reports itself ready,
 * with Kafka in its readiness. A subclass names
 * the service with {@code @SpringBootTest(webEnvironment = RANDOM_PORT, properties = "spring.config.name=…")}.
 */
public abstract class ReadinessTestBase {

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) {
        FikoTestProperties.kafka(registry);
        FikoTestProperties.postgres(registry, "readiness");
    }

    @LocalServerPort
    int port;

    @Test
    void shouldReportReadyWithKafkaInItsReadiness() {
        String readiness = RestClient.create("http://localhost:" + port)
                .get()
                .uri("/actuator/health/readiness")
                .retrieve()
                .body(String.class);

        assertThat(readiness).contains("\"status\":\"UP\"");
    }
}
