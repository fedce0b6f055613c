package net.fiko.gateway.transport;

import java.time.Duration;
import net.fiko.gateway.config.GatewayMeters;
import net.fiko.gateway.config.GatewayProperties;
import org.eclipse.jetty.websocket.api.Session;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.adapter.NativeWebSocketSession;
import org.springframework.web.socket.server.jetty.JettyRequestUpgradeStrategy;

/**
 * Everything the gateway does with Jetty's own WebSocket API, which Spring uses on Jetty, in one place: the upgrade's
 * frame limits, each open socket's idle timeout and writer, and the release of its handshake (by reflection into
 * Jetty's internals, which {@code fiko.gateway.release-handshake=false} turns off).
 */
@Component
public class JettySockets {

    private final Duration idleTimeout;
    private final long sendBufferBytes;
    private final Duration sendTimeLimit;
    private final int maxFrameBytes;
    private final boolean releaseHandshake;
    private final GatewayMeters meters;

    JettySockets(GatewayProperties properties, GatewayMeters meters) {
        this.meters = meters;
        this.idleTimeout = properties.idleTimeout();
        this.sendBufferBytes = properties.sendBufferBytes();
        this.sendTimeLimit = properties.sendTimeLimit();
        this.maxFrameBytes = properties.maxFrameBytes();
        this.releaseHandshake = properties.releaseHandshake();
    }

    /**
     * The upgrade of both endpoints. Frames over the limit close the socket with 1009 (message too big). Jetty grows a
     * message's buffer as the message arrives, so the limit costs an idle socket nothing (Tomcat allocates it up front,
     * per socket: see docs/benchmarks.md, S1).
     */
    public JettyRequestUpgradeStrategy upgrades() {
        JettyRequestUpgradeStrategy upgrades = new JettyRequestUpgradeStrategy();
        upgrades.addWebSocketConfigurer(socket -> {
            socket.setMaxTextMessageSize(maxFrameBytes);
            socket.setMaxBinaryMessageSize(maxFrameBytes);
        });
        return upgrades;
    }

    /**
     * Takes a socket that has just opened: sets its idle timeout (it must be done now: set at the upgrade, Jetty
     * replaces it with its HTTP connector's 30 s), lets its handshake's HTTP exchange go, and returns its writer.
     */
    public SocketWriter opened(WebSocketSession raw) {
        Session socket = jetty(raw);
        socket.setIdleTimeout(idleTimeout);
        if (releaseHandshake) {
            HandshakeRelease.release(socket);
        }
        return SocketWriter.of(socket, raw.getId(), sendBufferBytes, sendTimeLimit, meters);
    }

    private static Session jetty(WebSocketSession raw) {
        if (raw instanceof NativeWebSocketSession nativeSocket
                && nativeSocket.getNativeSession() instanceof Session jetty) {
            return jetty;
        }
        throw new IllegalStateException(
                "The gateway runs on Jetty only, not on " + raw.getClass().getName());
    }
}
