package net.fiko.local;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import net.fiko.connector.instagram.InstagramConnectorApplication;
import net.fiko.connector.telegram.TelegramConnectorApplication;
import net.fiko.dev.DevTokens;
import net.fiko.gateway.GatewayApplication;
import net.fiko.message.MessageServiceApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The local mode: the whole system on one machine, no Docker. A KRaft broker and PostgreSQL keep their data under
 * {@code .fiko-local/}; the four services run in this JVM; Ctrl-C stops everything, services first.
 */
public final class FikoLocal {

    /** Held for the life of the process: the data folder's lock goes when its channel is collected. */
    private static java.nio.channels.FileLock dataDirectoryLock;

    private final Deque<AutoCloseable> running = new ArrayDeque<>();
    private final CountDownLatch stopped = new CountDownLatch(1);

    public static void main(String[] args) throws Exception {
        LocalSettings settings = LocalSettings.fromEnvironment();
        try {
            dataDirectoryLock = Preflight.lockDataDirectory(settings.dataDirectory());
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

        CompletableFuture<LocalPostgres> postgres =
                CompletableFuture.supplyAsync(() -> timed("PostgreSQL", () -> startPostgres(settings)));
        LocalKafka kafka = timed(
                "Kafka",
                () -> LocalKafka.start(settings.dataDirectory(), settings.kafkaPort(), settings.kafkaControllerPort()));
        running.push(kafka);
        LocalPostgres database = postgres.join();
        running.push(database);

        Map<String, Object> common = FikoServices.common(kafka.bootstrapServers(), settings.jwtSecret(), 3);
        common.put("logging.level.root", "warn");
        common.put("logging.level.net.fiko", "info");
        Map<String, Object> messageService = FikoServices.with(common, "server.port", settings.messageServicePort());
        messageService.put("spring.datasource.url", database.jdbcUrl());
        messageService.put("spring.datasource.username", "postgres");
        messageService.put("spring.datasource.password", "");
        messageService.put(
                "spring.kafka.streams.state-dir",
                settings.dataDirectory().resolve("streams").toString());
        started("message-service", () -> FikoServices.start(MessageServiceApplication.application(), messageService));
        started(
                "ws-gateway",
                () -> FikoServices.start(
                        GatewayApplication.application(),
                        FikoServices.with(common, "server.port", settings.gatewayPort())));
        Map<String, Object> telegram = FikoServices.with(common, "server.port", settings.telegramPort());
        telegram.put("spring.datasource.url", database.jdbcUrl());
        telegram.put("spring.datasource.username", "postgres");
        telegram.put("spring.datasource.password", "");
        telegram.put("fiko.telegram.public-base-url", "http://localhost:" + settings.telegramPort());
        started("connector-telegram", () -> FikoServices.start(TelegramConnectorApplication.application(), telegram));
        Map<String, Object> instagram = FikoServices.with(common, "server.port", settings.instagramPort());
        instagram.put("spring.datasource.url", database.jdbcUrl());
        instagram.put("spring.datasource.username", "postgres");
        instagram.put("spring.datasource.password", "");
        started(
                "connector-instagram",
                () -> FikoServices.start(InstagramConnectorApplication.application(), instagram));

        DemoCustomer demo = DemoCustomer.start(kafka.bootstrapServers(), settings.demoPort());
        running.push(demo);
        demo.seed();

        String token =
                DevTokens.access(settings.jwtSecret(), "1", DemoCustomer.TENANT, "Demo Agent", Duration.ofDays(30));
        System.out.println(Banner.ready(
                settings,
                token,
                DemoCustomer.conversationId(DemoCustomer.CUSTOMER),
                Duration.ofNanos(System.nanoTime() - started)));
        stopped.await();
    }

    private void started(String name, Callable<ConfigurableApplicationContext> start) {
        ConfigurableApplicationContext service = timed(name, start);
        running.push(service::close);
    }

    /** Starts a part and says how long it took to be ready ("  ws-gateway ready in 2.1 s"). */
    private static <T> T timed(String name, Callable<T> start) {
        long began = System.nanoTime();
        try {
            T part = start.call();
            System.out.printf("  %-19s ready in %.1f s%n", name, (System.nanoTime() - began) / 1e9);
            return part;
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(name + " did not start", e);
        }
    }

    private static LocalPostgres startPostgres(LocalSettings settings) {
        try {
            return LocalPostgres.start(settings.dataDirectory(), settings.postgresPort(), settings.statementStats());
        } catch (Exception e) {
            throw new IllegalStateException("PostgreSQL did not start", e);
        }
    }

    /** Services first (they drain their sockets and consumers), then Kafka, then PostgreSQL. */
    private void stop() {
        System.out.println("Stopping Fiko...");
        while (!running.isEmpty()) {
            try {
                running.pop().close();
            } catch (Exception e) {
                System.err.println("Stopping a part failed: " + e);
            }
        }
        stopped.countDown();
        System.out.println("Fiko stopped.");
    }
}
