package net.fiko.local;

import java.nio.file.Path;

/**
 * The local mode's settings, each from an environment variable with a default that works on a laptop.
 *
 * @param dataDirectory {@code FIKO_LOCAL_DIR}: where Kafka and PostgreSQL keep their data ({@code .fiko-local})
 * @param jwtSecret {@code FIKO_JWT_SECRET}: the HMAC secret tokens are signed with; a development default
 * @param statementStats {@code FIKO_LOCAL_POSTGRES_STATEMENT_STATS=true}: PostgreSQL keeps the time and rows of every
 *     statement ({@code pg_stat_statements}), for profiling; off by default
 * @param telegramStandIn the Telegram connector talks to the console's Bot API stand-in, unless
 *     {@code FIKO_TELEGRAM_API_BASE_URL} names another Bot API
 * @param instagramStandIn the Instagram connector talks to the console's Graph API stand-in, unless
 *     {@code FIKO_INSTAGRAM_GRAPH_BASE_URL} names another
 */
record LocalSettings(
        Path dataDirectory,
        int kafkaPort,
        int kafkaControllerPort,
        int postgresPort,
        int gatewayPort,
        int messageServicePort,
        int telegramPort,
        int instagramPort,
        int demoPort,
        String jwtSecret,
        boolean statementStats,
        boolean telegramStandIn,
        boolean instagramStandIn) {

    /** The development secret the README states; never use it outside the local mode. */
    static final String DEVELOPMENT_JWT_SECRET = "fiko-local-development-secret-change-me-0123456789abcdef0123456789";

    static LocalSettings fromEnvironment() {
        return new LocalSettings(
                Path.of(env("FIKO_LOCAL_DIR", ".fiko-local")).toAbsolutePath(),
                port("FIKO_LOCAL_KAFKA_PORT", 9092),
                port("FIKO_LOCAL_KAFKA_CONTROLLER_PORT", 9093),
                port("FIKO_LOCAL_POSTGRES_PORT", 15432),
                port("FIKO_LOCAL_GATEWAY_PORT", 8000),
                port("FIKO_LOCAL_MESSAGE_SERVICE_PORT", 8081),
                port("FIKO_LOCAL_TELEGRAM_PORT", 8082),
                port("FIKO_LOCAL_INSTAGRAM_PORT", 8083),
                port("FIKO_LOCAL_DEMO_PORT", 8090),
                env("FIKO_JWT_SECRET", DEVELOPMENT_JWT_SECRET),
                Boolean.parseBoolean(env("FIKO_LOCAL_POSTGRES_STATEMENT_STATS", "false")),
                env("FIKO_TELEGRAM_API_BASE_URL", null) == null,
                env("FIKO_INSTAGRAM_GRAPH_BASE_URL", null) == null);
    }

    private static int port(String name, int fallback) {
        return Integer.parseInt(env(name, Integer.toString(fallback)));
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
