package net.fiko.testsupport;

import org.springframework.test.context.DynamicPropertyRegistry;

/** Points a Spring Boot test at the shared test servers; call from a {@code @DynamicPropertySource} method. */
public final class FikoTestProperties {

    /** The HMAC secret tests sign and verify tokens with. */
    public static final String JWT_SECRET = "fiko-test-secret-0123456789abcdef0123456789abcdef0123456789abcdef";

    private FikoTestProperties() {}

    public static void kafka(DynamicPropertyRegistry registry) {
        registry.add("spring.kafka.bootstrap-servers", () -> TestServers.kafka().bootstrapServers());
        registry.add("fiko.kafka.partitions", () -> 3);
        registry.add("fiko.jwt.secret", () -> JWT_SECRET);
        // The connectors' configuration files hold development keys, which only tests and the local mode may use.
        registry.add("fiko.allow-development-secrets", () -> true);
        String streams = "test-" + java.util.UUID.randomUUID();
        // Spring keeps earlier test contexts running: each context needs a consumer group of its own, or it would
        // take records meant for another context's database.
        registry.add("spring.kafka.consumer.group-id", () -> streams);
        registry.add("spring.kafka.streams.application-id", () -> streams);
        registry.add("spring.kafka.streams.state-dir", () -> System.getProperty("java.io.tmpdir") + "/" + streams);
    }

    /** A fresh database for this test context, on the shared PostgreSQL server. */
    public static void postgres(DynamicPropertyRegistry registry, String databasePrefix) {
        PostgresServer postgres = TestServers.postgres();
        String url = postgres.newDatabase(databasePrefix);
        registry.add("spring.datasource.url", () -> url);
        registry.add("spring.datasource.username", postgres::username);
        registry.add("spring.datasource.password", postgres::password);
    }
}
