package net.fiko.testsupport;

/** Where a test's Kafka broker or PostgreSQL server comes from. All three are real servers. */
public enum ServerKind {
    /** A server already running, named by environment variables. */
    RUNNING,
    /** A Testcontainers container: needs a Docker engine. */
    CONTAINER,
    /** In this JVM (Kafka KRaft) or a child process from embedded binaries (PostgreSQL): needs nothing. */
    EMBEDDED;

    /**
     * The kind to use when a test does not ask for one: {@code FIKO_TEST_SERVERS} if set ({@code embedded},
     * {@code container}), else a container when a Docker engine answers, else embedded.
     */
    static ServerKind automatic() {
        String forced = System.getenv("FIKO_TEST_SERVERS");
        if (forced != null && !forced.isBlank()) {
            return ServerKind.valueOf(forced.trim().toUpperCase(java.util.Locale.ROOT));
        }
        return Docker.available() ? CONTAINER : EMBEDDED;
    }
}
