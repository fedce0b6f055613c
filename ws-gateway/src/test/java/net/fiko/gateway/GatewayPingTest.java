package net.fiko.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import net.fiko.testsupport.FikoTestProperties;
import net.fiko.testsupport.TestSocket;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Every socket is pinged at {@code fiko.gateway.ping-interval}, and the pong its client answers keeps it open; a
 * socket whose client answers nothing is cut off.
 */
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
            // Six pings take three times as long as a silent socket is kept: only the pongs keep these open.
            await().atMost(Duration.ofSeconds(10)).until(() -> first.pings() >= 6 && second.pings() >= 6);

            assertThat(first.isClosed()).isFalse();
            assertThat(second.isClosed()).isFalse();
        }
    }

    @Test
    void shouldCutOffASocketWhosePeerAnswersNoPing() throws Exception {
        URI uri = URI.create(GatewayIdleSocketTest.listSocket(port));
        try (Socket peer = new Socket("localhost", port)) {
            peer.setSoTimeout(10_000);
            // A WebSocket handshake by hand, then nothing: a peer that vanished answers no ping.
            peer.getOutputStream()
                    .write(("GET " + uri.getRawPath() + "?" + uri.getRawQuery() + " HTTP/1.1\r\n"
                                    + "Host: localhost:" + port + "\r\n"
                                    + "Upgrade: websocket\r\nConnection: Upgrade\r\n"
                                    + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
            long opened = System.nanoTime();
            var received = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            try {
                for (int n; (n = peer.getInputStream().read(buffer)) >= 0; ) {
                    received.write(buffer, 0, n);
                }
            } catch (SocketException reset) {
                // cut off: the connection was dropped, not closed with a handshake
            }
            long heldMillis = (System.nanoTime() - opened) / 1_000_000;

            assertThat(received.toString(StandardCharsets.ISO_8859_1)).startsWith("HTTP/1.1 101");
            // Kept while it could still answer (2.5 intervals of 200 ms), dropped well before the read timeout.
            assertThat(heldMillis).isGreaterThanOrEqualTo(400).isLessThan(10_000);
        }
    }
}
