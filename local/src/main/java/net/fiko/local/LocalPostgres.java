package net.fiko.local;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** A real PostgreSQL 17 from embedded binaries, keeping its data in a folder between runs of the local mode. */
final class LocalPostgres implements AutoCloseable {

    static final String DATABASE = "fiko";

    private final EmbeddedPostgres postgres;

    private LocalPostgres(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    static LocalPostgres start(Path dataDirectory, int port, boolean statementStats) throws IOException, SQLException {
        Path dataDir = dataDirectory.resolve("postgres");
        Files.createDirectories(dataDir);
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder();
        if (statementStats) {
            builder.setServerConfig("shared_preload_libraries", "pg_stat_statements");
        }
        EmbeddedPostgres postgres = builder.setDataDirectory(dataDir)
                .setCleanDataDirectory(false)
                .setPort(port)
                .setRegisterShutdownHook(false)
                // The local mode keeps its data between runs, and its commits are what the benchmark measures: a
                // commit is on disk when it returns, as in a deployment (the embedded server's defaults are a test's:
                // no fsync, commits acknowledged before they are written).
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .start();
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement()) {
            try (ResultSet exists =
                    statement.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + DATABASE + "'")) {
                if (!exists.next()) {
                    statement.execute("CREATE DATABASE " + DATABASE);
                }
            }
        }
        if (statementStats) {
            try (Connection connection =
                            postgres.getDatabase("postgres", DATABASE).getConnection();
                    Statement statement = connection.createStatement()) {
                statement.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
            }
        }
        return new LocalPostgres(postgres);
    }

    String jdbcUrl() {
        return postgres.getJdbcUrl("postgres", DATABASE);
    }

    @Override
    public void close() throws IOException {
        postgres.close();
    }
}
