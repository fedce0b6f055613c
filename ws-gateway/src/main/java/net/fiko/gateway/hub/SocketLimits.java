package net.fiko.gateway.hub;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import net.fiko.gateway.config.GatewayProperties;
import net.fiko.support.auth.AuthenticatedUser;
import org.springframework.stereotype.Component;

/**
 * How many sockets one user and one tenant may hold open on this instance, and how fast one client address may open
 * them. A socket over a limit is refused with close 1013 ("try again later"), which the seed's client answers by
 * reconnecting after its back-off; each refusal is counted ({@code fiko.gateway.sockets.refused}, by reason).
 */
@Component
public class SocketLimits {

    /** Why a socket was refused. */
    public enum Refusal {
        USER,
        TENANT,
        ADDRESS
    }

    /** Client addresses tracked for handshake rates; past this, the idle ones are forgotten. */
    private static final int MAX_ADDRESSES = 100_000;

    private final GatewayProperties properties;
    private final Map<String, AtomicInteger> perUser = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> perTenant = new ConcurrentHashMap<>();
    private final Map<String, FrameRateLimit> handshakes = new ConcurrentHashMap<>();
    private final Map<Refusal, Counter> refused = new ConcurrentHashMap<>();

    SocketLimits(GatewayProperties properties, MeterRegistry meters) {
        this.properties = properties;
        for (Refusal reason : Refusal.values()) {
            refused.put(
                    reason,
                    Counter.builder("fiko.gateway.sockets.refused")
                            .description("Sockets refused for a limit: per user, per tenant, or handshakes per address")
                            .tag("reason", reason.name().toLowerCase(java.util.Locale.ROOT))
                            .register(meters));
        }
    }

    /** Whether the address may open one more socket now; every handshake counts, refused or not. */
    public boolean handshake(String address, long nowNanos) {
        if (handshakes.size() > MAX_ADDRESSES) {
            handshakes.clear(); // a flood of addresses: forget them all rather than grow
        }
        FrameRateLimit limit = handshakes.computeIfAbsent(
                address,
                a -> new FrameRateLimit(
                        properties.handshakesPerSecondPerAddress(),
                        properties.handshakeBurstPerAddress(),
                        Integer.MAX_VALUE,
                        nowNanos));
        if (limit.frame(nowNanos) == FrameRateLimit.Verdict.ACCEPT) {
            return true;
        }
        refused.get(Refusal.ADDRESS).increment();
        return false;
    }

    /** Takes a place for the user's socket, or says which limit is full; a taken place is given back by {@link #closed}. */
    public Refusal open(AuthenticatedUser user) {
        if (!take(perUser, user.tenantId() + "\n" + user.userId(), properties.maxSocketsPerUser())) {
            refused.get(Refusal.USER).increment();
            return Refusal.USER;
        }
        if (!take(perTenant, user.tenantId(), properties.maxSocketsPerTenant())) {
            give(perUser, user.tenantId() + "\n" + user.userId());
            refused.get(Refusal.TENANT).increment();
            return Refusal.TENANT;
        }
        return null;
    }

    public void closed(AuthenticatedUser user) {
        give(perUser, user.tenantId() + "\n" + user.userId());
        give(perTenant, user.tenantId());
    }

    private static boolean take(Map<String, AtomicInteger> counts, String key, int max) {
        boolean[] taken = {false};
        counts.compute(key, (k, count) -> {
            AtomicInteger now = count == null ? new AtomicInteger() : count;
            if (now.get() < max) {
                now.incrementAndGet();
                taken[0] = true;
            }
            return now.get() == 0 ? null : now;
        });
        return taken[0];
    }

    private static void give(Map<String, AtomicInteger> counts, String key) {
        counts.computeIfPresent(key, (k, count) -> count.decrementAndGet() <= 0 ? null : count);
    }
}
