package net.fiko.gateway.fanout;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import net.fiko.events.Agent;
import net.fiko.events.ephemeral.PresenceChanged;
import org.springframework.stereotype.Component;

/**
 * Who is in which chat, on every gateway instance, as their announcements on {@code fiko.ephemeral} say: a user is in
 * a chat while any instance has a socket of theirs on it and keeps renewing its announcement. An instance that stops
 * renewing (it died) loses its users at the announcement's {@code expires_at}. An instance that just started learns of
 * the users of the others within one renewal (a third of {@code fiko.gateway.presence-ttl}).
 */
@Component
public class WhoIsHere {

    /** A user in a chat: the instances that have them there, each with when its announcement ends. */
    record Online(String tenantId, String conversationId, Agent agent, Map<String, Instant> gateways) {
        Online(String tenantId, String conversationId, Agent agent) {
            this(tenantId, conversationId, agent, new ConcurrentHashMap<>());
        }
    }

    private final Map<String, Online> online = new ConcurrentHashMap<>();

    /** Takes an announcement; true when the user went from no instance to one, or from one to none. */
    boolean update(PresenceChanged presence) {
        boolean[] flipped = new boolean[1];
        online.compute(key(presence), (k, before) -> {
            Online now = before == null
                    ? new Online(presence.tenantId(), presence.conversationId(), presence.agent())
                    : before;
            boolean wasOnline = !now.gateways().isEmpty();
            if (presence.isOnline()) {
                now.gateways()
                        .put(presence.gatewayId(), presence.expiresAt() != null ? presence.expiresAt() : Instant.MAX);
            } else {
                now.gateways().remove(presence.gatewayId());
            }
            flipped[0] = wasOnline != !now.gateways().isEmpty();
            return now.gateways().isEmpty() ? null : now;
        });
        return flipped[0];
    }

    /** Drops the announcements not renewed by {@code now}; returns the users no instance has any more. */
    List<Online> expire(Instant now) {
        List<Online> gone = new ArrayList<>();
        for (String key : online.keySet()) {
            online.computeIfPresent(key, (k, user) -> {
                user.gateways().values().removeIf(expiresAt -> expiresAt.isBefore(now));
                if (user.gateways().isEmpty()) {
                    gone.add(user);
                    return null;
                }
                return user;
            });
        }
        return gone;
    }

    /** The users in the tenant's chat, by name. */
    public List<Agent> in(String tenantId, String conversationId) {
        return online.values().stream()
                .filter(user -> user.tenantId().equals(tenantId)
                        && user.conversationId().equals(conversationId))
                .map(Online::agent)
                .sorted(BY_NAME)
                .toList();
    }

    /** The tenant's users in any chat, each once, by name. */
    public List<Agent> of(String tenantId) {
        Map<String, Agent> users = new LinkedHashMap<>();
        online.values().stream()
                .filter(user -> user.tenantId().equals(tenantId))
                .forEach(user -> users.put(user.agent().userId(), user.agent()));
        return users.values().stream().sorted(BY_NAME).toList();
    }

    private static final Comparator<Agent> BY_NAME = Comparator.comparing(
                    (Agent agent) -> agent.username() == null ? "" : agent.username())
            .thenComparing(Agent::userId);

    private static String key(PresenceChanged event) {
        return event.conversationId() + "|" + event.tenantId() + "|"
                + event.agent().userId();
    }
}
