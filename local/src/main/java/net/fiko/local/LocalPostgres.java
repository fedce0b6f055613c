package net.fiko.local;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

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
        stopLeftOver(dataDir);
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

    /**
     * Stops a server a killed run left on this data folder (its {@code postmaster.pid} names a live process), so the
     * next run starts instead of finding the port taken. The caller holds the data folder's lock, so no live run owns
     * that server. A fast shutdown (SIGINT: open sessions ended, the data consistent), then SIGKILL after 30 s, from
     * which PostgreSQL recovers on start as from a crash.
     */
    static void stopLeftOver(Path dataDir) throws IOException {
        Path pidFile = dataDir.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        List<String> lines = Files.readAllLines(pidFile);
        if (lines.isEmpty() || !lines.get(0).strip().matches("\\d+")) {
            return;
        }
        long pid = Long.parseLong(lines.get(0).strip());
        Optional<ProcessHandle> server = ProcessHandle.of(pid)
                .filter(ProcessHandle::isAlive)
                .filter(process -> process.info()
                        .command()
                        .map(c -> c.endsWith("postgres"))
                        .orElse(false));
        if (server.isEmpty()) {
            return; // a stale file: PostgreSQL removes it itself on start
        }
        System.out.println("  PostgreSQL of an earlier run is still running (pid " + pid + "): stopping it");
        try {
            new ProcessBuilder("kill", "-INT", Long.toString(pid))
                    .inheritIO()
                    .start()
                    .waitFor();
            server.get().onExit().get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while stopping PostgreSQL " + pid, e);
        } catch (ExecutionException | TimeoutException e) {
            server.get().destroyForcibly();
        }
    }

    String jdbcUrl() {
        return postgres.getJdbcUrl("postgres", DATABASE);
    }

    @Override
    public void close() throws IOException {
        postgres.close();
    }
}
