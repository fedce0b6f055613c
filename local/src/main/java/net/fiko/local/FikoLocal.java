package net.fiko.local;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import net.fiko.dev.DevTokens;
import net.fiko.local.console.DemoCustomer;

/**
 * The local mode: the whole system on one machine, no Docker. A KRaft broker and PostgreSQL keep their data under
 * {@code .fiko-local/}; the four services and the console run in this JVM ({@link LocalSystem}); Ctrl-C stops everything, services first.
 */
public final class FikoLocal {

    /** Held for the life of the process: the data folder's lock goes when its channel is collected. */
    private static java.nio.channels.FileLock dataDirectoryLock;

    private volatile LocalSystem system;
    private final CountDownLatch stopped = new CountDownLatch(1);

    public static void main(String[] args) throws Exception {
        LocalSettings settings = LocalSettings.fromEnvironment();
        try {
            dataDirectoryLock = Preflight.lockDataDirectory(settings.dataDirectory());
            // A run killed before it could stop its PostgreSQL left it holding the port: this run owns the folder now.
            LocalPostgres.stopLeftOver(settings.dataDirectory().resolve("postgres"));
            Preflight.requireFreePorts(settings);
        } catch (IllegalStateException e) {
            System.err.println(e.getMessage());
            System.exit(1);
        }
        new FikoLocal().run(settings);
    }

    private void run(LocalSettings settings) throws Exception {
        long started = System.nanoTime();
        Runtime.getRuntime().addShutdownHook(new Thread(this::stop, "fiko-local-stop"));
        System.out.println("Starting Fiko locally; data in " + settings.dataDirectory());

        system = new LocalSystem();
        system.start(settings);
        String token =
                DevTokens.access(settings.jwtSecret(), "1", DemoCustomer.TENANT, "Demo Agent", Duration.ofDays(30));
        System.out.println(Banner.ready(
                settings,
                token,
                DemoCustomer.conversationId(DemoCustomer.CUSTOMER),
                Duration.ofNanos(System.nanoTime() - started)));
        stopped.await();
    }

    /** Services first (they drain their sockets and consumers), then Kafka, then PostgreSQL. */
    private void stop() {
        System.out.println("Stopping Fiko...");
        LocalSystem running = system;
        if (running != null) {
            running.close();
        }
        stopped.countDown();
        System.out.println("Fiko stopped.");
    }
}
