package net.fiko.gateway.session;

import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/** The sockets of this gateway instance: chat sockets by conversation, list sockets by tenant. */
@Component
public class SessionRegistry {

    private final Map<String, Set<ClientSession>> chats = new ConcurrentHashMap<>();
    private final Map<String, Set<ClientSession>> lists = new ConcurrentHashMap<>();

    void add(ClientSession session) {
        index(session)
                .computeIfAbsent(key(session), k -> ConcurrentHashMap.newKeySet())
                .add(session);
    }

    void remove(ClientSession session) {
        index(session).computeIfPresent(key(session), (k, sessions) -> {
            sessions.remove(session);
            return sessions.isEmpty() ? null : sessions;
        });
    }

    /** The chat sockets open on a conversation. */
    public Collection<ClientSession> chat(String conversationId) {
        return chats.getOrDefault(conversationId, Set.of());
    }

    /** The conversation-list sockets of a tenant. */
    public Collection<ClientSession> lists(String tenantId) {
        return lists.getOrDefault(tenantId, Set.of());
    }

    /** Every socket of this instance. */
    java.util.stream.Stream<ClientSession> all() {
        return java.util.stream.Stream.concat(chats.values().stream(), lists.values().stream())
                .flatMap(Set::stream);
    }

    public int size() {
        return chats.values().stream().mapToInt(Set::size).sum()
                + lists.values().stream().mapToInt(Set::size).sum();
    }

    private Map<String, Set<ClientSession>> index(ClientSession session) {
        return session.conversationId() != null ? chats : lists;
    }

    private static String key(ClientSession session) {
        return session.conversationId() != null
                ? session.conversationId()
                : session.user().tenantId();
    }
}
