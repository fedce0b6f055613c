package net.fiko.gateway.hub;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import net.fiko.gateway.config.DaemonTimers;
import net.fiko.gateway.config.GatewayProperties;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Keeps idle sockets open, and finds the dead ones: an agent's list socket may carry nothing for an hour. Every socket
 * is pinged each {@code fiko.gateway.ping-interval}, so a proxy between the gateway and the browser (which often cuts
 * a connection after 60 s of silence) sees traffic. A client's WebSocket answers each ping by itself; a socket that
 * has answered nothing for two and a half intervals (two pings missed) has lost its peer and is cut off. A socket on
 * which nothing moves for {@code fiko.gateway.idle-timeout} (a send to a client that stopped reading) is closed.
 */
@Component
class Keepalive implements DisposableBean {

    private final ScheduledExecutorService timer = DaemonTimers.named("keepalive");

    Keepalive(SessionRegistry registry, GatewayProperties properties) {
        long interval = properties.pingInterval().toMillis();
        if (interval > 0) {
            long silenceNanos = TimeUnit.MILLISECONDS.toNanos(interval * 5 / 2);
            timer.scheduleWithFixedDelay(
                    () -> {
                        long now = System.nanoTime();
                        registry.all().forEach(session -> session.pingOrCutOff(now, silenceNanos));
                    },
                    interval,
                    interval,
                    TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public void destroy() {
        timer.shutdownNow();
    }
}
