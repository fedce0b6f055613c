package net.fiko.gateway.config;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The gateway's traffic as an operator watches it: {@code fiko.gateway.frames} by {@code direction} (in from clients,
 * out to them), {@code fiko.gateway.sockets.closed} by the gateway's {@code reason} for ending a socket, and {@code
 * fiko.gateway.sockets.refused{reason=token}} for handshakes without a valid token (the limits' refusals are {@code
 * SocketLimits}'). Clients closing their own sockets are not counted here: {@code fiko.gateway.sockets} shows them.
 */
@Component
public class GatewayMeters {

    /** Why the gateway ended a socket. */
    public enum Close {
        /** Frames kept coming past the rate limit's grace: close 1013. */
        RATE_LIMIT,
        /** The socket's token expired: close 1008. */
        TOKEN_EXPIRED,
        /** The client did not read its frames fast enough: dropped without a close frame. */
        SLOW_CLIENT,
        /** A write to the client failed: the connection is gone. */
        WRITE_FAILED,
        /** Too much happened while the chat socket was joining: close 1013. */
        JOIN_OVERFLOW,
        /** The client answered no ping for two and a half intervals: its peer is gone. */
        IDLE,
        /** The gateway is stopping and asked the client to reconnect elsewhere. */
        DRAIN
    }

    private final Counter framesIn;
    private final Counter framesOut;
    private final Counter refusedToken;
    private final Map<Close, Counter> closes = new EnumMap<>(Close.class);

    public GatewayMeters(MeterRegistry meters) {
        this.framesIn = frames(meters, "in", "Frames received from clients");
        this.framesOut = frames(meters, "out", "Text frames written to clients");
        this.refusedToken = Counter.builder("fiko.gateway.sockets.refused")
                .description("Sockets refused: a limit, or no valid token")
                .tag("reason", "token")
                .register(meters);
        for (Close reason : Close.values()) {
            closes.put(
                    reason,
                    Counter.builder("fiko.gateway.sockets.closed")
                            .description("Sockets the gateway ended, by its reason")
                            .tag("reason", reason.name().toLowerCase(Locale.ROOT))
                            .register(meters));
        }
    }

    private static Counter frames(MeterRegistry meters, String direction, String description) {
        return Counter.builder("fiko.gateway.frames")
                .description(description)
                .tag("direction", direction)
                .register(meters);
    }

    public void frameIn() {
        framesIn.increment();
    }

    public void frameOut() {
        framesOut.increment();
    }

    public void refusedToken() {
        refusedToken.increment();
    }

    public void closed(Close reason) {
        closes.get(reason).increment();
    }
}
