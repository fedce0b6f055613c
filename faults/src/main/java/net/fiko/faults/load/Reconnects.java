package net.fiko.faults.load;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Where and when a lost socket connects again, as the frontend's client does: to the next gateway (if there are
 * several), after a pause that doubles with each failed attempt up to 3 s, with jitter so clients do not come back
 * together.
 */
final class Reconnects {

    private static final long FIRST_PAUSE_MILLIS = 200;
    private static final long LONGEST_PAUSE_MILLIS = 3000;
    private static final long JITTER_MILLIS = 200;

    private final List<URI> gateways;
    private int gateway;
    private int failures;
    private long nextNanos;
    private long count;

    Reconnects(List<URI> gateways, int first) {
        this.gateways = List.copyOf(gateways);
        this.gateway = first % gateways.size();
    }

    URI gateway() {
        return gateways.get(gateway);
    }

    /** The socket is gone or did not open: the next attempt goes to the next gateway, after a pause. */
    void lost() {
        gateway = (gateway + 1) % gateways.size();
        long pause = Math.min(LONGEST_PAUSE_MILLIS, FIRST_PAUSE_MILLIS << Math.min(failures++, 4));
        long jitter = ThreadLocalRandom.current().nextLong(JITTER_MILLIS);
        nextNanos = System.nanoTime() + Duration.ofMillis(pause + jitter).toNanos();
    }

    boolean due(long nowNanos) {
        return nowNanos >= nextNanos;
    }

    /** A reconnect starts now. */
    void attempt() {
        count++;
    }

    /** The socket is open and served: the next loss pauses briefly again. */
    void served() {
        failures = 0;
    }

    long count() {
        return count;
    }
}
