package net.fiko.support.throttle;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Lets something happen at most once every {@code every} per key (an agent's typing shown to a platform, per
 * conversation). Keys not used for a while are forgotten once more than {@code maxKeys} are tracked.
 */
public final class PerKeyThrottle {

    private final Duration every;
    private final int maxKeys;
    private final Map<String, Instant> last = new ConcurrentHashMap<>();

    public PerKeyThrottle(Duration every, int maxKeys) {
        this.every = every;
        this.maxKeys = maxKeys;
    }

    /** True, and the key's clock restarted, when its last permitted moment is at least {@code every} before now. */
    public boolean permit(String key, Instant now) {
        Instant due = now.minus(every);
        if (last.size() > maxKeys) {
            last.values().removeIf(at -> at.isBefore(due));
        }
        boolean[] permitted = {false};
        last.compute(key, (k, at) -> {
            if (at == null || !at.isAfter(due)) {
                permitted[0] = true;
                return now;
            }
            return at;
        });
        return permitted[0];
    }
}
