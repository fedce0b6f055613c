package net.fiko.faults;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import net.fiko.faults.parts.Database;
import net.fiko.faults.parts.FakeTelegram;
import net.fiko.faults.parts.KafkaCluster;
import net.fiko.faults.parts.Service;

/**
 * The system under test, every part in a process of its own: one or three Kafka nodes, PostgreSQL, message-service,
 * one or two gateways and connector-telegram, with the Telegram Bot API answered by {@link FakeTelegram}. Ports from
 * 29000 up, data in a fresh directory per scenario.
 */
final class Stack implements AutoCloseable {

    static final String TENANT = "faults";
    static final String SECRET = "fiko-faults-secret-0123456789abcdef0123456789abcdef0123456789abcdef";
    static final int BASE_PORT = Integer.getInteger("fiko.faults.base-port", 29000);

    /** How many Kafka nodes (replicating every topic as many times, up to 3) and gateways. */
    record Shape(int brokers, int gateways) {}

    private final Path directory;
    private final KafkaCluster kafka;
    private final Database database;
    private final FakeTelegram telegramApi;
    private final Service messageService;
    private final List<Service> gateways;
    private final Service telegram;

    private Stack(
            Path directory,
            KafkaCluster kafka,
            Database database,
            FakeTelegram telegramApi,
            Service messageService,
            List<Service> gateways,
            Service telegram) {
        this.directory = directory;
        this.kafka = kafka;
        this.database = database;
        this.telegramApi = telegramApi;
        this.messageService = messageService;
        this.gateways = gateways;
        this.telegram = telegram;
    }

    static Stack start(Path root, Path directory, Shape shape) throws Exception {
        Files.createDirectories(directory);
        CompletableFuture<Database> postgres = CompletableFuture.supplyAsync(() -> {
            try {
                return Database.start(directory, BASE_PORT + 432);
            } catch (Exception e) {
                throw new IllegalStateException("PostgreSQL did not start", e);
            }
        });
        KafkaCluster kafka = KafkaCluster.start(directory, BASE_PORT + 92, shape.brokers());
        Database database = postgres.join();
        FakeTelegram api = FakeTelegram.start(BASE_PORT + 200);

        Map<String, String> common = new LinkedHashMap<>();
        common.put("SPRING_KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
        common.put("FIKO_JWT_SECRET", SECRET);
        common.put("FIKO_ALLOW_DEVELOPMENT_SECRETS", "true");
        common.put("FIKO_KAFKA_PARTITIONS", "3");
        common.put("FIKO_KAFKA_REPLICATION_FACTOR", Integer.toString(kafka.replicas()));
        common.put("SPRING_MAIN_BANNER_MODE", "off");
        common.put("LOGGING_LEVEL_ROOT", "warn");
        common.put("LOGGING_LEVEL_NET_FIKO", "info");
        Map<String, String> withDatabase = new LinkedHashMap<>(common);
        withDatabase.put("SPRING_DATASOURCE_URL", database.jdbcUrl());
        withDatabase.put("SPRING_DATASOURCE_USERNAME", "postgres");
        withDatabase.put("SPRING_DATASOURCE_PASSWORD", "");

        Map<String, String> messageEnv = new LinkedHashMap<>(withDatabase);
        messageEnv.put(
                "SPRING_KAFKA_STREAMS_STATE_DIR", directory.resolve("streams").toString());
        messageEnv.put("SPRING_KAFKA_STREAMS_REPLICATION_FACTOR", Integer.toString(kafka.replicas()));
        Service messageService =
                Service.of("message-service", root, "message-service", BASE_PORT + 81, messageEnv, directory);

        List<Service> gateways = new ArrayList<>();
        for (int i = 0; i < shape.gateways(); i++) {
            Map<String, String> gatewayEnv = new LinkedHashMap<>(common);
            // One suite on one address plays a thousand agents of one tenant.
            gatewayEnv.put("FIKO_GATEWAY_MAX_SOCKETS_PER_USER", "1000000");
            gatewayEnv.put("FIKO_GATEWAY_MAX_SOCKETS_PER_TENANT", "1000000");
            gatewayEnv.put("FIKO_GATEWAY_HANDSHAKES_PER_SECOND_PER_ADDRESS", "1000000");
            gatewayEnv.put("FIKO_GATEWAY_HANDSHAKE_BURST_PER_ADDRESS", "1000000");
            gateways.add(Service.of("ws-gateway-" + (i + 1), root, "ws-gateway", BASE_PORT + i, gatewayEnv, directory));
        }

        Map<String, String> telegramEnv = new LinkedHashMap<>(withDatabase);
        telegramEnv.put("FIKO_TELEGRAM_API_BASE_URL", api.baseUrl());
        telegramEnv.put("FIKO_TELEGRAM_PUBLIC_BASE_URL", "http://localhost:" + (BASE_PORT + 82));
        Service telegram =
                Service.of("connector-telegram", root, "connector-telegram", BASE_PORT + 82, telegramEnv, directory);

        Stack stack = new Stack(directory, kafka, database, api, messageService, gateways, telegram);
        // A suite stopped by Ctrl-C or SIGTERM leaves no server behind.
        Runtime.getRuntime().addShutdownHook(new Thread(stack::close, "faults-stack-stop"));
        try {
            messageService.start();
            List<CompletableFuture<Service>> starting = new ArrayList<>();
            for (Service service : stack.services()) {
                if (service != messageService) {
                    starting.add(CompletableFuture.supplyAsync(() -> start(service)));
                }
            }
            starting.forEach(CompletableFuture::join);
        } catch (RuntimeException e) {
            stack.close();
            throw e;
        }
        return stack;
    }

    private static Service start(Service service) {
        try {
            return service.start();
        } catch (Exception e) {
            throw new IllegalStateException(service.name() + " did not start", e);
        }
    }

    /** Every service, in the order a rolling restart takes them. */
    List<Service> services() {
        List<Service> services = new ArrayList<>();
        services.add(messageService);
        services.addAll(gateways);
        services.add(telegram);
        return services;
    }

    KafkaCluster kafka() {
        return kafka;
    }

    Database database() {
        return database;
    }

    FakeTelegram telegramApi() {
        return telegramApi;
    }

    Service messageService() {
        return messageService;
    }

    List<Service> gateways() {
        return gateways;
    }

    Service telegram() {
        return telegram;
    }

    Path directory() {
        return directory;
    }

    List<URI> gatewayUris() {
        return gateways.stream()
                .map(gateway -> URI.create("ws://localhost:" + gateway.port()))
                .toList();
    }

    private final AtomicBoolean closed = new AtomicBoolean();

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        List<Service> stopping = new ArrayList<>(services());
        Collections.reverse(stopping);
        for (Service service : stopping) {
            service.close();
        }
        telegramApi.close();
        kafka.close();
        try {
            database.close();
        } catch (Exception e) {
            System.err.println("Stopping PostgreSQL: " + e);
        }
    }
}
