package net.fiko.gateway.presence;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import net.fiko.events.Agent;
import net.fiko.events.Topics;
import net.fiko.events.ephemeral.EphemeralEvent;
import net.fiko.events.ephemeral.PresenceChanged;
import net.fiko.events.ephemeral.TypingChanged;
import net.fiko.gateway.system.DaemonTimers;
import net.fiko.gateway.system.GatewayProperties;
import net.fiko.support.auth.AuthenticatedUser;
import net.fiko.support.kafka.EventPublisher;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * This instance's side of typing and presence: it announces on {@code fiko.ephemeral} when a user's first socket on
 * a chat opens here and when the last one closes, and when a user types or stops. A typing state not refreshed
 * within {@code fiko.gateway.typing-ttl} (10 s) ends by itself, and a closing socket ends it, so no indicator sticks.
 */
@Component
public class ChatPresence implements DisposableBean {

    private final EventPublisher events;
    private final String gatewayId;
    private final Duration typingTtl;
    private final Clock clock;
    private final Map<String, Integer> socketsByUserOnChat = new ConcurrentHashMap<>();
    private final Map<String, ScheduledFuture<?>> typing = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer = DaemonTimers.named("typing-expiry");

    ChatPresence(EventPublisher events, GatewayProperties properties, Clock clock) {
        this.events = events;
        this.gatewayId = properties.instanceId();
        this.typingTtl = properties.typingTtl();
        this.clock = clock;
    }

    public void joined(AuthenticatedUser user, String conversationId) {
        if (socketsByUserOnChat.merge(key(user, conversationId), 1, Integer::sum) == 1) {
            publish(new PresenceChanged(
                    id(), clock.instant(), user.tenantId(), conversationId, agent(user), gatewayId, true));
        }
    }

    public void left(AuthenticatedUser user, String conversationId) {
        String key = key(user, conversationId);
        Integer remaining = socketsByUserOnChat.computeIfPresent(key, (k, count) -> count > 1 ? count - 1 : null);
        if (remaining == null) {
            typing(user, conversationId, false);
            publish(new PresenceChanged(
                    id(), clock.instant(), user.tenantId(), conversationId, agent(user), gatewayId, false));
        }
    }

    public void typing(AuthenticatedUser user, String conversationId, boolean isTyping) {
        String key = key(user, conversationId);
        ScheduledFuture<?> previous = isTyping
                ? typing.put(
                        key,
                        timer.schedule(
                                () -> {
                                    typing.remove(key);
                                    announceTyping(user, conversationId, false);
                                },
                                typingTtl.toMillis(),
                                TimeUnit.MILLISECONDS))
                : typing.remove(key);
        if (previous != null) {
            previous.cancel(false);
        }
        if (isTyping || previous != null) {
            announceTyping(user, conversationId, isTyping);
        }
    }

    private void announceTyping(AuthenticatedUser user, String conversationId, boolean isTyping) {
        Instant now = clock.instant();
        publish(new TypingChanged(
                id(),
                now,
                user.tenantId(),
                conversationId,
                agent(user),
                gatewayId,
                isTyping,
                isTyping ? now.plus(typingTtl) : null));
    }

    private void publish(EphemeralEvent event) {
        events.publish(Topics.EPHEMERAL, event);
    }

    private static String key(AuthenticatedUser user, String conversationId) {
        return conversationId + "|" + user.tenantId() + "|" + user.userId();
    }

    private static Agent agent(AuthenticatedUser user) {
        return new Agent(user.userId(), user.username());
    }

    private static String id() {
        return UUID.randomUUID().toString();
    }

    @Override
    public void destroy() {
        timer.shutdownNow();
    }
}
