package net.fiko.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import net.fiko.testsupport.FikoTestProperties;
import net.fiko.testsupport.TestSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The access log, turned on: every request in it, its path and never its query string, where sockets carry tokens. */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.config.name=ws-gateway", "fiko.access-log.enabled=true"})
class GatewayAccessLogTest {

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) {
        FikoTestProperties.kafka(registry);
    }

    @LocalServerPort
    int port;

    final ListAppender<ILoggingEvent> lines = new ListAppender<>();
    final Logger access = (Logger) LoggerFactory.getLogger("fiko.access");

    @BeforeEach
    void capture() {
        lines.start();
        access.setLevel(Level.INFO);
        access.addAppender(lines);
    }

    @AfterEach
    void release() {
        access.detachAppender(lines);
    }

    @Test
    void aSocketsHandshakeShouldBeLoggedWithoutItsToken() {
        String url = GatewayIdleSocketTest.listSocket(port);
        String token = url.substring(url.indexOf("token=") + "token=".length());
        try (TestSocket socket = TestSocket.connect(url)) {
            await().atMost(Duration.ofSeconds(10)).until(() -> !logged().isEmpty());
        }
        assertThat(logged())
                .anySatisfy(line -> assertThat(line).contains("\"GET /ws/conversations/ HTTP/1.1\" 101"))
                .allSatisfy(line -> assertThat(line).doesNotContain(token).doesNotContain("token="));
    }

    private List<String> logged() {
        synchronized (lines) {
            return new ArrayList<>(lines.list)
                    .stream().map(ILoggingEvent::getFormattedMessage).toList();
        }
    }
}
