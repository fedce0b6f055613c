package net.fiko.gateway.fanout;

import java.time.Clock;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import net.fiko.events.Agent;
import net.fiko.events.EventJson;
import net.fiko.events.ephemeral.EphemeralEvent;
import net.fiko.events.ephemeral.PresenceChanged;
import net.fiko.events.ephemeral.TypingChanged;
import net.fiko.gateway.config.DaemonTimers;
import net.fiko.gateway.hub.ClientSession;
import net.fiko.gateway.hub.SessionRegistry;
import net.fiko.gateway.protocol.Frames;
import net.fiko.support.kafka.EventRecords;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.kafka.listener.MessageListener;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.TextMessage;

/**
 * Turns the typing and presence of every gateway instance into {@code typing_indicator} and {@code user_presence}
 * for this instance's chat sockets, never to the user's own sockets. A user is online in a chat while any instance
 * has a socket of theirs on it, as long as that instance keeps renewing its announcement: one that has not by the
 * announcement's {@code expires_at} is taken to have died, and its users, typing included, end there.
 */
@Component
public class EphemeralFanout implements MessageListener<String, byte[]>, DisposableBean {

    /** How often announcements that were not renewed are looked for. */
    static final long SWEEP_MILLIS = 1_000;
    /**
     * How long past its end a typing state waits for its own instance's "stopped typing", which normally comes right
     * at the end: only a typing state whose instance died is ended by this one.
     */
    static final java.time.Duration TYPING_GRACE = java.time.Duration.ofSeconds(2);

    private final SessionRegistry sessions;
    private final Clock clock;
    private final WhoIsHere whoIsHere;
    /** Per user on a chat typing: when the typing ends unless renewed. */
    private final Map<String, Typing> typing = new ConcurrentHashMap<>();

    private final ScheduledExecutorService sweeper = DaemonTimers.named("presence-expiry");

    EphemeralFanout(SessionRegistry sessions, WhoIsHere whoIsHere, Clock clock) {
        this.sessions = sessions;
        this.whoIsHere = whoIsHere;
        this.clock = clock;
        sweeper.scheduleWithFixedDelay(this::sweep, SWEEP_MILLIS, SWEEP_MILLIS, TimeUnit.MILLISECONDS);
    }

    @Override
    public void onMessage(ConsumerRecord<String, byte[]> record) {
        EphemeralEvent event = EventRecords.read(record, EphemeralEvent.class);
        if (event instanceof TypingChanged changed) {
            String key = key(event);
            if (changed.isTyping() && changed.expiresAt() != null) {
                typing.put(
                        key,
                        new Typing(event.tenantId(), event.conversationId(), changed.agent(), changed.expiresAt()));
            } else {
                typing.remove(key);
            }
            toOthers(
                    event.tenantId(),
                    event.conversationId(),
                    changed.agent(),
                    typingFrame(changed.agent(), changed.isTyping(), event.conversationId(), changed.occurredAt()));
        } else if (event instanceof PresenceChanged presence && whoIsHere.update(presence)) {
            toOthers(
                    event.tenantId(),
                    event.conversationId(),
                    presence.agent(),
                    presenceFrame(
                            presence.agent(), presence.isOnline(), event.conversationId(), presence.occurredAt()));
        }
    }

    /** Ends what was not renewed in time: the presence and typing of users of instances that died. */
    void sweep() {
        try {
            Instant now = clock.instant();
            for (WhoIsHere.Online gone : whoIsHere.expire(now)) {
                toOthers(
                        gone.tenantId(),
                        gone.conversationId(),
                        gone.agent(),
                        presenceFrame(gone.agent(), false, gone.conversationId(), now));
            }
            for (Iterator<Map.Entry<String, Typing>> it = typing.entrySet().iterator(); it.hasNext(); ) {
                Map.Entry<String, Typing> entry = it.next();
                Typing user = entry.getValue();
                if (user.expiresAt().plus(TYPING_GRACE).isBefore(now) && typing.remove(entry.getKey(), user)) {
                    toOthers(
                            user.tenantId(),
                            user.conversationId(),
                            user.agent(),
                            typingFrame(user.agent(), false, user.conversationId(), now));
                }
            }
        } catch (RuntimeException e) {
            // the next sweep tries again; a timer task that throws would never run again
        }
    }

    private static Frames.TypingIndicatorFrame typingFrame(
            Agent agent, boolean isTyping, String conversationId, Instant at) {
        return new Frames.TypingIndicatorFrame(
                "typing_indicator", agent.userIdValue(), agent.username(), isTyping, conversationId, at);
    }

    private static Frames.UserPresenceFrame presenceFrame(
            Agent agent, boolean isOnline, String conversationId, Instant at) {
        return new Frames.UserPresenceFrame(
                "user_presence", agent.userIdValue(), agent.username(), isOnline, conversationId, at);
    }

    private void toOthers(String tenantId, String conversationId, Agent agent, Object frame) {
        TextMessage text = null;
        for (ClientSession session : sessions.chat(tenantId, conversationId)) {
            if (session.user().userId().equals(agent.userId())) {
                continue;
            }
            if (text == null) {
                text = new TextMessage(EventJson.toBytes(frame));
            }
            session.deliver(text, -1);
        }
    }

    private static String key(EphemeralEvent event) {
        return event.conversationId() + "|" + event.tenantId() + "|"
                + event.agent().userId();
    }

    @Override
    public void destroy() {
        sweeper.shutdownNow();
    }

    private record Typing(String tenantId, String conversationId, Agent agent, Instant expiresAt) {}
}
