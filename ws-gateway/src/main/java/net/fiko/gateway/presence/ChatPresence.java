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
import net.fiko.gateway.config.DaemonTimers;
import net.fiko.gateway.config.GatewayProperties;
import net.fiko.support.auth.AuthenticatedUser;
import net.fiko.support.kafka.EventPublisher;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * This instance's side of typing and presence: it announces on {@code fiko.ephemeral} when a user's first socket on
 * a chat opens here and when the last one closes, and when a user types or stops. A typing state not refreshed
 * within {@code fiko.gateway.typing-ttl} (10 s) ends by itself, and a closing socket ends it, so no indicator sticks.
 * Every user present here is announced again every third of {@code fiko.gateway.presence-ttl} (60 s), each
 * announcement valid until the ttl: if this instance dies, the others show its users offline within the ttl.
 */
@Component
public class ChatPresence implements DisposableBean {

    private final EventPublisher events;
    private final String gatewayId;
    private final Duration typingTtl;
    private final Clock clock;
    private final Duration presenceTtl;
    private final Map<String, Present> present = new ConcurrentHashMap<>();
    private final Map<String, ScheduledFuture<?>> typing = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer = DaemonTimers.named("typing-expiry");

    ChatPresence(EventPublisher events, GatewayProperties properties, Clock clock) {
        this.events = events;
        this.gatewayId = properties.instanceId();
        this.typingTtl = properties.typingTtl();
        this.presenceTtl = properties.presenceTtl();
        this.clock = clock;
        long every = Math.max(1, presenceTtl.toMillis() / 3);
        timer.scheduleWithFixedDelay(this::renewPresence, every, every, TimeUnit.MILLISECONDS);
    }

    public void joined(AuthenticatedUser user, String conversationId) {
        Present now = present.merge(
                key(user, conversationId),
                new Present(user, conversationId, 1),
                (before, one) -> new Present(before.user(), conversationId, before.sockets() + 1));
        if (now.sockets() == 1) {
            announce(now, true);
        }
    }

    public void left(AuthenticatedUser user, String conversationId) {
        String key = key(user, conversationId);
        Present remaining = present.computeIfPresent(
                key,
                (k, before) ->
                        before.sockets() > 1 ? new Present(before.user(), conversationId, before.sockets() - 1) : null);
        if (remaining == null) {
            typing(user, conversationId, false);
            announce(new Present(user, conversationId, 0), false);
        }
    }

    /** Announces every user present here again, so the other instances keep them online. */
    private void renewPresence() {
        try {
            present.values().forEach(user -> announce(user, true));
        } catch (RuntimeException e) {
            // the next round tries again; a timer task that throws would never run again
        }
    }

    private void announce(Present user, boolean online) {
        Instant now = clock.instant();
        publish(new PresenceChanged(
                id(),
                now,
                user.user().tenantId(),
                user.conversationId(),
                agent(user.user()),
                gatewayId,
                online,
                online ? now.plus(presenceTtl) : null));
    }

    /** A user with sockets on a chat of this instance. */
    private record Present(AuthenticatedUser user, String conversationId, int sockets) {}

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
        return user.agent();
    }

    private static String id() {
        return UUID.randomUUID().toString();
    }

    @Override
    public void destroy() {
        timer.shutdownNow();
    }
}
