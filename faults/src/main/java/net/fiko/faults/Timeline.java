package net.fiko.faults;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import net.fiko.faults.parts.Service;

/** A scenario's faults in time: prints what happens when, from the start of the load, and does the common ones. */
final class Timeline {

    private final long start = System.nanoTime();

    void say(String what) {
        System.out.printf("  %6.1f s  %s%n", (System.nanoTime() - start) / 1e9, what);
    }

    void pause(Duration duration) {
        LockSupport.parkNanos(duration.toNanos());
    }

    /** Every 8 s of load, {@code kill -9} the service and start it again 2 s later, {@code times} times. */
    void killRepeatedly(Service service, int times, String what) throws Exception {
        for (int i = 1; i <= times; i++) {
            pause(Duration.ofSeconds(8));
            say("kill -9 " + what + " (" + i + "/" + times + ")");
            service.kill();
            pause(Duration.ofSeconds(2));
            service.start();
            say(service.name() + " back");
        }
    }

    static void restart(Service service) {
        try {
            service.start();
        } catch (Exception e) {
            throw new IllegalStateException(service.name() + " did not restart", e);
        }
    }
}
