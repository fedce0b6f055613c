package net.fiko.gateway.config;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/** The gateway's timers (typing expiry, token expiry, delivery waits, pings): one daemon thread each, named. */
public final class DaemonTimers {

    private DaemonTimers() {}

    /** A timer on a daemon thread called {@code name}; its owner shuts it down when the context closes. */
    public static ScheduledExecutorService named(String name) {
        CustomizableThreadFactory threads = new CustomizableThreadFactory(name + "-");
        threads.setDaemon(true);
        return Executors.newSingleThreadScheduledExecutor(threads);
    }
}
