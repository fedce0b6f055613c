package net.fiko.connector.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import net.fiko.testsupport.FikoTestProperties;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;

/** The connector starts on a real broker and reports itself ready only while Kafka answers. */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.config.name=connector-telegram")
class TelegramConnectorStartupTest {

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) {
        FikoTestProperties.kafka(registry);
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
