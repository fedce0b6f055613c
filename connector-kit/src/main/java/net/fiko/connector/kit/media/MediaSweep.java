package net.fiko.connector.kit.media;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/** Runs the store's {@link MediaStore#sweep} every {@code fiko.media.sweep-interval} while the connector runs. */
public final class MediaSweep implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(MediaSweep.class);

    private final MediaStore store;
    private final Duration interval;
    private final Clock clock;
    private ScheduledExecutorService timer;

    public MediaSweep(MediaStore store, Duration interval, Clock clock) {
        this.store = store;
        this.interval = interval;
        this.clock = clock;
    }

    @Override
    public synchronized void start() {
        timer = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "media-sweep");
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleWithFixedDelay(this::sweep, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void sweep() {
        try {
            int removed = store.sweep(clock.instant());
            if (removed > 0) {
                log.info("Removed {} media copies past their retention or the store's size", removed);
            }
        } catch (Exception e) {
            log.warn("Media sweep failed: {}", e.toString());
        }
    }

    @Override
    public synchronized void stop() {
        if (timer != null) {
            timer.shutdownNow();
            timer = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return timer != null;
    }
}
