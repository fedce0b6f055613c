package net.fiko.gateway.hub;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import net.fiko.gateway.config.DaemonTimers;
import net.fiko.gateway.config.GatewayMeters;
import net.fiko.gateway.config.GatewayProperties;
import net.fiko.gateway.protocol.CloseCodes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.ApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * How a gateway instance stops without a reconnect storm: first it reports not ready (readiness {@code
 * REFUSING_TRAFFIC}), so the load balancer sends it no new sockets; then it closes its sockets in batches spread over
 * {@code fiko.gateway.drain-time}, each with 1012 ({@link CloseCodes#DRAINING}), which clients answer by reconnecting
 * (through the load balancer, to the other instances) and resuming with {@code ?since=}. A socket that opens meanwhile
 * is closed the same way at once. Runs first among the instance's stopping parts: the event streams still feed the
 * sockets until each is closed.
 */
@Component
public class GatewayDrain implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(GatewayDrain.class);
    private static final long BATCH_INTERVAL_MILLIS = 100;

    private final SessionRegistry registry;
    private final ApplicationContext context;
    private final Duration drainTime;
    private volatile boolean running;
    private volatile boolean draining;
    private final ScheduledExecutorService timer = DaemonTimers.named("gateway-drain");

    GatewayDrain(SessionRegistry registry, ApplicationContext context, GatewayProperties properties) {
        this.registry = registry;
        this.context = context;
        this.drainTime = properties.drainTime();
    }

    /** Whether the instance is stopping: a socket that opens now is sent elsewhere. */
    public boolean draining() {
        return draining;
    }

    @Override
    public void start() {
        running = true;
    }

    /** Drains on a timer and reports back when done: no thread waits out the drain, the closing one included. */
    @Override
    public void stop(Runnable done) {
        draining = true;
        AvailabilityChangeEvent.publish(context, ReadinessState.REFUSING_TRAFFIC);
        List<ClientSession> sessions = registry.all().toList();
        long batches = Math.max(1, drainTime.toMillis() / BATCH_INTERVAL_MILLIS);
        int perBatch = (int) Math.max(1, (sessions.size() + batches - 1) / batches);
        log.info(
                "Draining {} sockets over {}, {} every {} ms",
                sessions.size(),
                drainTime,
                perBatch,
                BATCH_INTERVAL_MILLIS);
        closeFrom(sessions, 0, perBatch, done);
    }

    @Override
    public void stop() {
        stop(() -> {});
    }

    /** Closes one batch, then schedules the next; after the last, the close frames get up to 2 s to go out. */
    private void closeFrom(List<ClientSession> sessions, int start, int perBatch, Runnable done) {
        for (ClientSession session : sessions.subList(start, Math.min(sessions.size(), start + perBatch))) {
            session.close(CloseCodes.DRAINING, GatewayMeters.Close.DRAIN);
        }
        if (start + perBatch < sessions.size()) {
            timer.schedule(
                    () -> closeFrom(sessions, start + perBatch, perBatch, done),
                    BATCH_INTERVAL_MILLIS,
                    TimeUnit.MILLISECONDS);
        } else {
            awaitClosed(System.nanoTime() + TimeUnit.SECONDS.toNanos(2), done);
        }
    }

    private void awaitClosed(long deadline, Runnable done) {
        if (registry.size() == 0 || System.nanoTime() >= deadline) {
            running = false;
            timer.shutdown();
            done.run();
        } else {
            timer.schedule(() -> awaitClosed(deadline, done), 20, TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** The first to stop: before the event streams' containers and the web server's graceful shutdown. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE;
    }
}
