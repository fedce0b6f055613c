package net.fiko.gateway.system;

import net.fiko.gateway.config.GatewayProperties;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.ServerConnector;
import org.springframework.boot.jetty.servlet.JettyServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.stereotype.Component;

/**
 * How many connections may wait for the gateway to accept them ({@code fiko.gateway.accept-queue}, 4,096; the kernel
 * caps it at {@code net.core.somaxconn}). Jetty leaves it to the JDK's default of 50. After a gateway restarts, or a
 * network blip, thousands of clients connect within a second: past 50 the kernel dropped their SYNs, and each client
 * tried again after 1, 3, 7, 15 s. S1's handshake bursts showed it as a p99 of a second at a server half busy, and
 * S5's restart as a catch-up tail of tens of seconds (docs/benchmarks.md).
 */
@Component
class AcceptQueue implements WebServerFactoryCustomizer<JettyServletWebServerFactory> {

    private final int size;

    AcceptQueue(GatewayProperties properties) {
        this.size = properties.acceptQueue();
    }

    @Override
    public void customize(JettyServletWebServerFactory factory) {
        factory.addServerCustomizers(server -> {
            for (Connector connector : server.getConnectors()) {
                if (connector instanceof ServerConnector listening) {
                    listening.setAcceptQueueSize(size);
                }
            }
        });
    }
}
