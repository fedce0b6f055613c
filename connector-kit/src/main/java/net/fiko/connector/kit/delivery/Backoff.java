package net.fiko.connector.kit.delivery;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import net.fiko.connector.kit.platform.PlatformFailure;
import net.fiko.support.kafka.DeadLettersAutoConfiguration;

/** How long to wait before trying again: the one formula for every platform and for the kit's own dependencies. */
final class Backoff {

    static final Duration PLATFORM_FIRST = Duration.ofSeconds(1);
    static final Duration PLATFORM_MAX = Duration.ofSeconds(60);
    private static final long JITTER_MILLIS = 250;

    private Backoff() {}

    /** Exactly what the platform asked for; else 1 s doubling per attempt, at most 60 s, with jitter. */
    static Duration platform(PlatformFailure failure, int attempts) {
        if (failure.retryAfter() != null) {
            return failure.retryAfter();
        }
        return exponential(PLATFORM_FIRST, PLATFORM_MAX, attempts);
    }

    /** While the database or the broker is away: as every listener's error handler pauses, with jitter. */
    static Duration infrastructure(int failures) {
        return exponential(DeadLettersAutoConfiguration.FIRST_PAUSE, DeadLettersAutoConfiguration.MAX_PAUSE, failures);
    }

    private static Duration exponential(Duration first, Duration max, int attempts) {
        long millis = first.toMillis() << Math.min(Math.max(attempts - 1, 0), 16);
        return Duration.ofMillis(
                Math.min(max.toMillis(), millis) + ThreadLocalRandom.current().nextLong(JITTER_MILLIS));
    }
}
