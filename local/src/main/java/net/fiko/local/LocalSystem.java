package net.fiko.local;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import net.fiko.connector.instagram.InstagramConnectorApplication;
import net.fiko.connector.telegram.TelegramConnectorApplication;
import net.fiko.gateway.GatewayApplication;
import net.fiko.local.console.ConsoleApplication;
import net.fiko.local.console.DemoCustomer;
import net.fiko.message.MessageServiceApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The parts of the local mode, started in order and stopped in reverse: a KRaft broker and PostgreSQL keeping their
 * data under the data folder, the four services and the console in this JVM. A service can be restarted alone on its
 * port, as a deployment restarts one.
 */
final class LocalSystem implements AutoCloseable {

    private final Deque<AutoCloseable> running = new ArrayDeque<>();
    private final Map<String, ConfigurableApplicationContext> contexts = new LinkedHashMap<>();
    private final Map<String, Callable<ConfigurableApplicationContext>> starts = new LinkedHashMap<>();

    /**
     * Starts every part, connects the demo tenant's platforms and opens the demo conversation. Each part is stopped by
     * {@link #close()} from the moment it started, so a stop while starting stops what runs.
     */
    void start(LocalSettings settings) {
        LocalSystem system = this;
        try {
            CompletableFuture<LocalPostgres> postgres =
                    CompletableFuture.supplyAsync(() -> timed("PostgreSQL", () -> startPostgres(settings)));
            LocalKafka kafka = timed(
                    "Kafka",
                    () -> LocalKafka.start(
                            settings.dataDirectory(), settings.kafkaPort(), settings.kafkaControllerPort()));
            system.running.push(kafka);
            LocalPostgres database = postgres.join();
            system.running.push(database);
            Map<String, Object> common = FikoServices.common(kafka.bootstrapServers(), settings.jwtSecret(), 3);
            common.put("logging.level.root", "warn");
            common.put("logging.level.net.fiko", "info");
            // The connectors' copies of customers' files, kept with the rest of the local mode's data.
            common.put(
                    "fiko.media.directory",
                    settings.dataDirectory().resolve("media").toString());
            Map<String, Object> messageService =
                    FikoServices.with(common, "server.port", settings.messageServicePort());
            messageService.put("spring.datasource.url", database.jdbcUrl());
            messageService.put("spring.datasource.username", "postgres");
            messageService.put("spring.datasource.password", "");
            messageService.put(
                    "spring.kafka.streams.state-dir",
                    settings.dataDirectory().resolve("streams").toString());
            messageService.put(
                    "fiko.message-service.media-base-urls.telegram", "http://localhost:" + settings.telegramPort());
            messageService.put(
                    "fiko.message-service.media-base-urls.instagram", "http://localhost:" + settings.instagramPort());
            system.service("message-service", MessageServiceApplication::application, messageService);
            Map<String, Object> gateway = FikoServices.with(common, "server.port", settings.gatewayPort());
            // The console's pages open sockets from their own origin.
            gateway.put(
                    "fiko.gateway.allowed-origins",
                    "http://localhost:" + settings.demoPort() + ",http://127.0.0.1:" + settings.demoPort());
            // One gateway: its clients can only come back to it once it has restarted, so spreading them is moot.
            gateway.put("fiko.gateway.drain-time", "1s");
            system.service("ws-gateway", GatewayApplication::application, gateway);
            String console = "http://localhost:" + settings.demoPort();
            Map<String, Object> telegram = FikoServices.with(common, "server.port", settings.telegramPort());
            telegram.put("spring.datasource.url", database.jdbcUrl());
            telegram.put("spring.datasource.username", "postgres");
            telegram.put("spring.datasource.password", "");
            telegram.put("fiko.telegram.public-base-url", "http://localhost:" + settings.telegramPort());
            // The console's pages upload agents' files to the connectors.
            String consoleOrigins = console + ",http://127.0.0.1:" + settings.demoPort();
            telegram.put("fiko.api.allowed-origins", consoleOrigins);
            if (settings.telegramStandIn()) {
                telegram.put("fiko.telegram.api-base-url", console + "/telegram");
            }
            system.service("connector-telegram", TelegramConnectorApplication::application, telegram);
            Map<String, Object> instagram = FikoServices.with(common, "server.port", settings.instagramPort());
            instagram.put("fiko.instagram.public-base-url", "http://localhost:" + settings.instagramPort());
            instagram.put("fiko.api.allowed-origins", consoleOrigins);
            instagram.put("spring.datasource.url", database.jdbcUrl());
            instagram.put("spring.datasource.username", "postgres");
            instagram.put("spring.datasource.password", "");
            if (settings.instagramStandIn()) {
                instagram.put("fiko.instagram.graph-base-url", console + "/graph");
            }
            system.service("connector-instagram", InstagramConnectorApplication::application, instagram);
            Map<String, Object> pages = FikoServices.with(common, "server.port", settings.demoPort());
            pages.put("fiko.console.gateway-url", "ws://localhost:" + settings.gatewayPort());
            pages.put("fiko.console.data-directory", settings.dataDirectory().toString());
            pages.put("fiko.console.kafka-bootstrap-servers", kafka.bootstrapServers());
            pages.put("fiko.console.jwt-secret", settings.jwtSecret());
            pages.put("fiko.console.telegram-stand-in", settings.telegramStandIn());
            pages.put(
                    "fiko.console.uploads.telegram",
                    "http://localhost:" + settings.telegramPort() + "/api/media/telegram/uploads");
            pages.put(
                    "fiko.console.uploads.instagram",
                    "http://localhost:" + settings.instagramPort() + "/api/media/instagram/uploads");
            if (settings.instagramStandIn()) {
                pages.put(
                        "fiko.console.instagram-webhook-url",
                        "http://localhost:" + settings.instagramPort() + "/webhooks/instagram");
            }
            system.service("console", ConsoleApplication::application, pages);
            DemoPlatforms platforms = new DemoPlatforms(settings.jwtSecret());
            if (settings.telegramStandIn()) {
                platforms.telegram(settings.telegramPort());
            }
            if (settings.instagramStandIn()) {
                platforms.instagram(settings.instagramPort());
            }
            system.contexts.get("console").getBean(DemoCustomer.class).seed();
        } catch (RuntimeException e) {
            system.close();
            throw e;
        }
    }

    /** Stops the service and starts it again with the same settings, on the same port. */
    synchronized void restart(String name) {
        contexts.get(name).close();
        contexts.put(name, timed(name, starts.get(name)));
    }

    private void service(String name, Supplier<SpringApplicationBuilder> application, Map<String, Object> settings) {
        starts.put(name, () -> FikoServices.start(application.get(), settings));
        contexts.put(name, timed(name, starts.get(name)));
        running.push(() -> contexts.get(name).close());
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
    @Override
    public synchronized void close() {
        while (!running.isEmpty()) {
            try {
                running.pop().close();
            } catch (Exception e) {
                System.err.println("Stopping a part failed: " + e);
            }
        }
    }
}
