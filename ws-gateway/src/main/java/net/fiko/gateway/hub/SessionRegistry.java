package net.fiko.gateway.hub;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.stereotype.Component;

/**
 * The sockets of this gateway instance: chat sockets by tenant and conversation, list sockets by tenant. Their numbers
 * are the gauge {@code fiko.gateway.sockets}, tagged {@code endpoint=chat} or {@code endpoint=conversations}. A chat socket is found only under its own user's tenant, so an event of
 * another tenant's conversation can never reach it, whatever its URL named.
 */
@Component
public class SessionRegistry {

    private final Map<ChatKey, Set<ClientSession>> chats = new ConcurrentHashMap<>();
    private final Map<String, Set<ClientSession>> lists = new ConcurrentHashMap<>();
    private final AtomicInteger chatCount = new AtomicInteger();
    private final AtomicInteger listCount = new AtomicInteger();

    SessionRegistry(MeterRegistry meters) {
        gauge(meters, "chat", chatCount);
        gauge(meters, "conversations", listCount);
    }

    private static void gauge(MeterRegistry meters, String endpoint, AtomicInteger count) {
        Gauge.builder("fiko.gateway.sockets", count, AtomicInteger::get)
                .description("Sockets open on this gateway instance")
                .tag("endpoint", endpoint)
                .register(meters);
    }

    public void add(ClientSession session) {
        if (session.conversationId() != null) {
            add(chats, new ChatKey(session.user().tenantId(), session.conversationId()), session, chatCount);
        } else {
            add(lists, session.user().tenantId(), session, listCount);
        }
    }

    public void remove(ClientSession session) {
        if (session.conversationId() != null) {
            remove(chats, new ChatKey(session.user().tenantId(), session.conversationId()), session, chatCount);
        } else {
            remove(lists, session.user().tenantId(), session, listCount);
        }
    }

    private static <K> void add(Map<K, Set<ClientSession>> index, K key, ClientSession session, AtomicInteger count) {
        if (index.computeIfAbsent(key, k -> ConcurrentHashMap.newKeySet()).add(session)) {
            count.incrementAndGet();
        }
    }

    private static <K> void remove(
            Map<K, Set<ClientSession>> index, K key, ClientSession session, AtomicInteger count) {
        index.computeIfPresent(key, (k, sessions) -> {
            if (sessions.remove(session)) {
                count.decrementAndGet();
            }
            return sessions.isEmpty() ? null : sessions;
        });
    }

    /** The chat sockets of the tenant's users open on one of its conversations. */
    public Collection<ClientSession> chat(String tenantId, String conversationId) {
        return chats.getOrDefault(new ChatKey(tenantId, conversationId), Set.of());
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
        return chatCount.get() + listCount.get();
    }

    private record ChatKey(String tenantId, String conversationId) {}
}
