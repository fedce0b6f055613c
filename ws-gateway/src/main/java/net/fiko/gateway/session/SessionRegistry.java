package net.fiko.gateway.session;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.stereotype.Component;

/**
 * The sockets of this gateway instance: chat sockets by conversation, list sockets by tenant. Their number is the
 * gauge {@code fiko.gateway.sockets}.
 */
@Component
public class SessionRegistry {

    private final Map<String, Set<ClientSession>> chats = new ConcurrentHashMap<>();
    private final Map<String, Set<ClientSession>> lists = new ConcurrentHashMap<>();
    private final AtomicInteger count = new AtomicInteger();

    SessionRegistry(MeterRegistry meters) {
        Gauge.builder("fiko.gateway.sockets", count, AtomicInteger::get)
                .description("Sockets open on this gateway instance")
                .register(meters);
    }

    void add(ClientSession session) {
        if (index(session)
                .computeIfAbsent(key(session), k -> ConcurrentHashMap.newKeySet())
                .add(session)) {
            count.incrementAndGet();
        }
    }

    void remove(ClientSession session) {
        index(session).computeIfPresent(key(session), (k, sessions) -> {
            if (sessions.remove(session)) {
                count.decrementAndGet();
            }
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
        return count.get();
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
