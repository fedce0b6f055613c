package net.fiko.gateway.auth;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import net.fiko.gateway.config.DaemonTimers;
import net.fiko.gateway.config.GatewayMeters;
import net.fiko.gateway.hub.ClientSession;
import net.fiko.gateway.protocol.ErrorCode;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.CloseStatus;

/** Closes a live socket with 1008 at its token's {@code exp}, after an {@code error} event "Token expired". */
@Component
public class TokenExpiry implements DisposableBean {

    private final ScheduledExecutorService timer = DaemonTimers.named("token-expiry");
    private final Map<String, ScheduledFuture<?>> pending = new ConcurrentHashMap<>();
    private final Clock clock;

    TokenExpiry(Clock clock) {
        this.clock = clock;
    }

    public void watch(ClientSession session) {
        long delay = Math.max(
                0, Duration.between(clock.instant(), session.user().expiresAt()).toMillis());
        pending.put(session.id(), timer.schedule(() -> expire(session), delay, TimeUnit.MILLISECONDS));
    }

    public void forget(ClientSession session) {
        ScheduledFuture<?> task = pending.remove(session.id());
        if (task != null) {
            task.cancel(false);
        }
    }

    private void expire(ClientSession session) {
        pending.remove(session.id());
        session.sendError(ErrorCode.TOKEN_EXPIRED);
        session.close(CloseStatus.POLICY_VIOLATION.withReason("Token expired"), GatewayMeters.Close.TOKEN_EXPIRED);
    }

    @Override
    public void destroy() {
        timer.shutdownNow();
    }
}
