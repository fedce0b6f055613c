package net.fiko.gateway.presence;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import net.fiko.events.EventJson;
import net.fiko.events.ephemeral.EphemeralEvent;
import net.fiko.events.ephemeral.PresenceChanged;
import net.fiko.events.ephemeral.TypingChanged;
import net.fiko.gateway.protocol.Frames;
import net.fiko.gateway.session.ClientSession;
import net.fiko.gateway.session.SessionRegistry;
import net.fiko.support.kafka.EventRecords;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.listener.MessageListener;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.TextMessage;

/**
 * Turns the typing and presence of every gateway instance into {@code typing_indicator} and {@code user_presence}
 * for this instance's chat sockets, never to the user's own sockets. A user is online in a chat while any instance
 * has a socket of theirs on it.
 */
@Component
public class EphemeralFanout implements MessageListener<String, byte[]> {

    private final SessionRegistry sessions;
    private final Map<String, Set<String>> onlineAt = new ConcurrentHashMap<>();

    EphemeralFanout(SessionRegistry sessions) {
        this.sessions = sessions;
    }

    @Override
    public void onMessage(ConsumerRecord<String, byte[]> record) {
        EphemeralEvent event = EventRecords.read(record, EphemeralEvent.class);
        if (event instanceof TypingChanged typing) {
            toOthers(
                    event,
                    new Frames.TypingIndicatorFrame(
                            "typing_indicator",
                            typing.agent().userId(),
                            typing.agent().username(),
                            typing.isTyping(),
                            typing.conversationId(),
                            typing.occurredAt()));
        } else if (event instanceof PresenceChanged presence && presenceFlipped(presence)) {
            toOthers(
                    event,
                    new Frames.UserPresenceFrame(
                            "user_presence",
                            presence.agent().userId(),
                            presence.agent().username(),
                            presence.isOnline(),
                            presence.conversationId(),
                            presence.occurredAt()));
        }
    }

    /** Whether the user went from no instance to one, or from one to none. */
    private boolean presenceFlipped(PresenceChanged presence) {
        String key = presence.conversationId() + "|" + presence.tenantId() + "|"
                + presence.agent().userId();
        boolean[] flipped = new boolean[1];
        onlineAt.compute(key, (k, gateways) -> {
            Set<String> now = gateways == null ? ConcurrentHashMap.newKeySet() : gateways;
            boolean before = !now.isEmpty();
            if (presence.isOnline()) {
                now.add(presence.gatewayId());
            } else {
                now.remove(presence.gatewayId());
            }
            flipped[0] = before != !now.isEmpty();
            return now.isEmpty() ? null : now;
        });
        return flipped[0];
    }

    private void toOthers(EphemeralEvent event, Object frame) {
        TextMessage text = null;
        for (ClientSession session : sessions.chat(event.tenantId(), event.conversationId())) {
            if (session.user().userId().equals(event.agent().userId())) {
                continue;
            }
            if (text == null) {
                text = new TextMessage(EventJson.toBytes(frame));
            }
            session.deliver(text, -1);
        }
    }
}
