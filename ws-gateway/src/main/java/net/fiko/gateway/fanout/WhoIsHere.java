package net.fiko.gateway.fanout;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.fiko.events.Agent;
import net.fiko.events.ephemeral.PresenceChanged;
import org.springframework.stereotype.Component;

/**
 * Who is in which chat, on every gateway instance, as their announcements on {@code fiko.ephemeral} say: a user is in
 * a chat while any instance has a socket of theirs on it and keeps renewing its announcement. An instance that stops
 * renewing (it died) loses its users at the announcement's {@code expires_at}. An instance that just started learns of
 * the users of the others within one renewal (a third of {@code fiko.gateway.presence-ttl}).
 *
 * <p>Kept by tenant and chat, so a socket joining a chat reads that chat's users, not every user online: after a
 * gateway restarts, thousands of sockets join at once while thousands of users are online (S5).
 */
@Component
public class WhoIsHere {

    /** A user in a chat: the instances that have them there, each with when its announcement ends. */
    record Online(String tenantId, String conversationId, Agent agent, Map<String, Instant> gateways) {
        Online(String tenantId, String conversationId, Agent agent) {
            this(tenantId, conversationId, agent, new HashMap<>());
        }
    }

    /** Tenant, then conversation, then user id. Guarded by {@code this}: every use is a few map operations. */
    private final Map<String, Map<String, Map<String, Online>>> tenants = new HashMap<>();

    /** Takes an announcement; true when the user went from no instance to one, or from one to none. */
    synchronized boolean update(PresenceChanged presence) {
        Map<String, Map<String, Online>> chats = tenants.computeIfAbsent(presence.tenantId(), t -> new HashMap<>());
        Map<String, Online> users = chats.computeIfAbsent(presence.conversationId(), c -> new HashMap<>());
        Online user = users.computeIfAbsent(
                presence.agent().userId(),
                u -> new Online(presence.tenantId(), presence.conversationId(), presence.agent()));
        boolean wasOnline = !user.gateways().isEmpty();
        if (presence.isOnline()) {
            user.gateways()
                    .put(presence.gatewayId(), presence.expiresAt() != null ? presence.expiresAt() : Instant.MAX);
        } else {
            user.gateways().remove(presence.gatewayId());
        }
        boolean isOnline = !user.gateways().isEmpty();
        if (!isOnline) {
            forget(chats, users, user);
        }
        return wasOnline != isOnline;
    }

    /** Drops the announcements not renewed by {@code now}; returns the users no instance has any more. */
    synchronized List<Online> expire(Instant now) {
        List<Online> gone = new ArrayList<>();
        for (Map<String, Map<String, Online>> chats : tenants.values()) {
            for (Map<String, Online> users : chats.values()) {
                for (Online user : users.values()) {
                    user.gateways().values().removeIf(expiresAt -> expiresAt.isBefore(now));
                    if (user.gateways().isEmpty()) {
                        gone.add(user);
                    }
                }
            }
        }
        for (Online user : gone) {
            Map<String, Map<String, Online>> chats = tenants.get(user.tenantId());
            forget(chats, chats.get(user.conversationId()), user);
        }
        return gone;
    }

    /** The users in the tenant's chat, by name. */
    public synchronized List<Agent> in(String tenantId, String conversationId) {
        Map<String, Online> users = tenants.getOrDefault(tenantId, Map.of()).getOrDefault(conversationId, Map.of());
        return users.values().stream().map(Online::agent).sorted(BY_NAME).toList();
    }

    /** The tenant's users in any chat, each once, by name. */
    public synchronized List<Agent> of(String tenantId) {
        Map<String, Agent> users = new LinkedHashMap<>();
        tenants.getOrDefault(tenantId, Map.of()).values().stream()
                .flatMap(chat -> chat.values().stream())
                .forEach(user -> users.put(user.agent().userId(), user.agent()));
        return users.values().stream().sorted(BY_NAME).toList();
    }

    /** Removes a user no instance has any more, and the chat and tenant it leaves empty. */
    private void forget(Map<String, Map<String, Online>> chats, Map<String, Online> users, Online user) {
        users.remove(user.agent().userId());
        if (users.isEmpty()) {
            chats.remove(user.conversationId());
            if (chats.isEmpty()) {
                tenants.remove(user.tenantId());
            }
        }
    }

    private static final Comparator<Agent> BY_NAME = Comparator.comparing(
                    (Agent agent) -> agent.username() == null ? "" : agent.username())
            .thenComparing(Agent::userId);
}
